package io.restlive.cli;

import io.restlive.cli.stack.LocalStack;
import io.restlive.cli.stack.PortPlan;
import io.restlive.cli.stack.StackProcess;
import io.restlive.cli.stack.StackStartException;
import io.restlive.core.views.ViewsFile;
import io.restlive.core.views.ViewsFileException;
import io.restlive.schemas.TopicNames;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

/** {@code run}: starts the local stack, prints how to use it, and stops it on Ctrl-C or when a process dies. */
final class RunCommand {

    static final String VIEWS_ENV = "REST_LIVE_VIEWS";
    static final String JWT_SECRET_ENV = "REST_LIVE_JWT_SECRET";

    private final CliContext context;

    RunCommand(CliContext context) {
        this.context = context;
    }

    int run(RunOptions options) throws UsageException {
        Path projectDir = ProjectDir.find(context, options.projectDir());
        Path viewsPath = viewsFile(options, projectDir);
        ViewsFile views;
        try {
            views = ViewsFile.load(viewsPath);
        } catch (ViewsFileException e) {
            context.err().println(e.getMessage());
            return RestLiveCli.EXIT_FAILURE;
        }
        LocalStack stack = build(options, projectDir, viewsPath);
        // Registered before starting: Ctrl-C during a slow start still stops what is already running.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "rest-live-stop"));
        try {
            stack.start();
        } catch (StackStartException e) {
            context.err().println("rest-live run: " + e.getMessage());
            return RestLiveCli.EXIT_FAILURE;
        }
        context.out().println(Banner.text(stack, views, secretFromEnv() == null));
        return superviseUntilExit(stack);
    }

    private Path viewsFile(RunOptions options, Path projectDir) {
        if (options.views() != null) {
            return context.resolve(options.views());
        }
        String fromEnv = context.env().get(VIEWS_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return context.resolve(fromEnv);
        }
        return projectDir.resolve("examples/todolist/views.yaml");
    }

    private LocalStack build(RunOptions options, Path projectDir, Path viewsPath) throws UsageException {
        PortPlan ports;
        try {
            ports = PortPlan.fixed(options.brokerPort(), options.processorPort(), options.edgePort(),
                    options.appPort(), options.edges(), options.processors());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String secret = secretFromEnv();
        return LocalStack.builder(projectDir)
                .viewsFile(viewsPath)
                .edges(options.edges())
                .processors(options.processors())
                .ports(ports)
                .stateDir(options.stateDir() == null ? projectDir.resolve(".state") : context.resolve(options.stateDir()))
                .topicPrefix(TopicNames.fromEnv(context.env()).prefix())
                .bootstrapServers(context.env().get("REST_LIVE_BOOTSTRAP_SERVERS"))
                .jwtSecret(secret == null ? LocalStack.DEV_JWT_SECRET : secret)
                // A random secret per run unless the shell sets one (e.g. to call /internal/** by hand).
                .internalSecret(context.env().get(LocalStack.INTERNAL_SECRET_ENV))
                .withApp(options.app())
                .progress(context.out()::println)
                .build();
    }

    private String secretFromEnv() {
        String secret = context.env().get(JWT_SECRET_ENV);
        return secret == null || secret.isBlank() ? null : secret;
    }

    private int superviseUntilExit(LocalStack stack) {
        StackProcess exited;
        try {
            exited = stack.firstExit().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stack.close();
            return RestLiveCli.EXIT_FAILURE;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the stack's processes failed", e.getCause());
        }
        // Ctrl-C reaches the children too (same process group): one of them may exit before our hook runs.
        if (stack.isStopping() || exited.exitedOnSignal()) {
            stack.close();
            return RestLiveCli.EXIT_OK;
        }
        context.err().println("rest-live run: " + exited.name() + " exited with code " + exited.exitValue()
                + "; stopping the others\n" + exited.logTail(40));
        stack.close();
        return RestLiveCli.EXIT_FAILURE;
    }
}
