package io.restlive.cli;

import io.restlive.core.views.ViewsFile;
import io.restlive.core.views.ViewsFileException;
import java.util.List;

/** {@code check-views FILE}: loads a views file exactly as the processor and the edges do. */
final class CheckViewsCommand {

    private final CliContext context;

    CheckViewsCommand(CliContext context) {
        this.context = context;
    }

    int run(List<String> args) throws UsageException {
        CommandLine line = CommandLine.parse(args, java.util.Set.of(), java.util.Set.of());
        if (line.positionals().size() != 1) {
            throw new UsageException("expected one views file, e.g. ./rest-live check-views examples/todolist/views.yaml");
        }
        try {
            ViewsFile views = ViewsFile.load(context.resolve(line.positionals().get(0)));
            context.out().println("OK: " + views.views().size() + " views, " + views.endpoints().size() + " endpoints");
            return RestLiveCli.EXIT_OK;
        } catch (ViewsFileException e) {
            context.err().println(e.getMessage());
            return RestLiveCli.EXIT_FAILURE;
        }
    }
}
