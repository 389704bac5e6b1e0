package io.restlive.processor.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;

/**
 * Ends the process with a non-zero status when this instance can no longer do its work, so that Kubernetes
 * (or {@code ./rest-live run}) restarts it: a JVM that stays up with Kafka Streams in ERROR looks alive to a
 * supervisor that only watches the process.
 */
final class FatalExit {

    private static final Logger log = LoggerFactory.getLogger(FatalExit.class);
    /** The status the process exits with. */
    static final int STATUS = 70;

    private FatalExit() {
    }

    /** Closes the application and exits, on a thread of its own (the caller may be a Streams thread). */
    static void exit(ApplicationContext context, String reason) {
        log.error("{}; exiting with status {}", reason, STATUS);
        Thread exiting = new Thread(() -> System.exit(SpringApplication.exit(context, () -> STATUS)), "fatal-exit");
        exiting.setDaemon(false);
        exiting.start();
    }
}
