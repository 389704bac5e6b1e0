package io.restlive.processor.config;

import io.restlive.core.views.ViewsFileException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad views file into a short start-up failure report instead of a bean-creation stack trace. */
public final class ViewsFileFailureAnalyzer extends AbstractFailureAnalyzer<ViewsFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ViewsFileException cause) {
        return new FailureAnalysis("The views file is not valid: " + cause.getMessage(),
                "Fix the file named by rest-live.views (REST_LIVE_VIEWS); the processor and every edge load "
                        + "the same file.", cause);
    }
}
