package io.restlive.e2e.deploy;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/** Attaches the end of every process's log to a failed test or a failed start, so the report shows what they said. */
final class LogsOnFailure implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private final Supplier<String> tails;

    LogsOnFailure(Supplier<String> tails) {
        this.tails = tails;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw attach(failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw attach(failure);
    }

    private Throwable attach(Throwable failure) {
        String logs;
        try {
            logs = tails.get();
        } catch (RuntimeException e) {
            logs = "(no logs: " + e + ")";
        }
        failure.addSuppressed(new ProcessLogs(logs));
        return failure;
    }

    /** The processes' log tails, as a suppressed exception of the failure. */
    private static final class ProcessLogs extends RuntimeException {
        ProcessLogs(String tails) {
            super("logs of the processes:\n" + tails, null, false, false);
        }
    }
}
