package io.restlive.bench.scenarios;

import io.restlive.bench.load.BenchChange;
import io.restlive.bench.load.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Publishes, in rounds every {@link #PERIOD}, one change to the group of every storm subscription that is due
 * a probe (see {@link StormProgress#probeDue}), until every subscription got its first broadcast or the prober
 * is closed.
 */
final class StormProber implements AutoCloseable {

    static final Duration PERIOD = Duration.ofMillis(20);

    private final ScenarioContext context;
    private final StormProgress progress;
    private final Thread thread;
    private volatile boolean running = true;

    private StormProber(ScenarioContext context, StormProgress progress) {
        this.context = context;
        this.progress = progress;
        this.thread = new Thread(this::loop, "storm-prober");
        this.thread.setDaemon(true);
    }

    static StormProber start(ScenarioContext context, StormProgress progress) {
        StormProber prober = new StormProber(context, progress);
        prober.thread.start();
        return prober;
    }

    private void loop() {
        long deadline = System.nanoTime() + context.timeout().toNanos();
        while (running && !progress.allConfirmed() && System.nanoTime() - deadline < 0) {
            long roundStart = System.nanoTime();
            List<BenchChange> probes = new ArrayList<>();
            for (int s = 0; s < progress.size(); s++) {
                if (progress.probeDue(s, roundStart)) {
                    long group = progress.group(s);
                    probes.add(context.change(StormScenario.MODEL, group, group, roundStart));
                    progress.probed(s, roundStart);
                }
            }
            if (!probes.isEmpty()) {
                try {
                    context.publishAll(probes).get(context.timeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    // Counted by the context as publish failures; the next round probes them again.
                }
            }
            Waits.pause(PERIOD.minusNanos(Math.min(PERIOD.toNanos(), System.nanoTime() - roundStart)));
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(context.timeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
