package io.restlive.cli;

/** The command line is wrong: the message says how, and the CLI exits with {@value RestLiveCli#EXIT_USAGE}. */
public class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
