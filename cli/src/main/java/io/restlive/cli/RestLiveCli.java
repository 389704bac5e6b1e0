package io.restlive.cli;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code rest-live} command line: {@code run}, {@code publish}, {@code listen}, {@code check-views},
 * {@code reset-versions} and {@code help}.
 */
public final class RestLiveCli {

    /** The command did what was asked. */
    public static final int EXIT_OK = 0;
    /** The command failed: a process did not start, the broker did not take a change, a file is invalid. */
    public static final int EXIT_FAILURE = 1;
    /** The command line or the given input is wrong. */
    public static final int EXIT_USAGE = 2;

    private RestLiveCli() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), CliContext.system()));
    }

    /** Runs one command and returns its exit code. */
    public static int run(List<String> args, CliContext context) {
        if (args.isEmpty() || List.of("help", "--help", "-h").contains(args.get(0))) {
            context.out().print(Usage.TEXT);
            return EXIT_OK;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "run" -> new RunCommand(context).run(RunOptions.parse(rest));
                case "publish" -> new PublishCommand(context).run(PublishOptions.parse(rest, context.env()));
                case "check-views" -> new CheckViewsCommand(context).run(rest);
                case "reset-versions" -> new ResetVersionsCommand(context).run(rest);
                case "listen" -> listen(context, rest);
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            context.err().println("rest-live " + command + ": " + e.getMessage());
            context.err().println("Run './rest-live help' for usage.");
            return EXIT_USAGE;
        }
    }

    private static int listen(CliContext context, List<String> args) throws UsageException {
        try {
            return new ListenCommand(context).run(args);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_OK;
        }
    }
}
