package io.restlive.bench.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes {@code /actuator/prometheus} of the stack's processes once a second during a run, as Prometheus
 * would for the Grafana dashboard, and keeps their {@code restlive_*} series ({@link DashboardPanels} turns
 * them into the dashboard's main panels). A process that does not answer is skipped for that tick.
 */
public final class MetricsSampler implements AutoCloseable {

    /** What a scraped process is. */
    public enum Kind { EDGE, PROCESSOR }

    /**
     * A stretch of the run worth marking on the picture (an abuse window).
     *
     * @param label what happened
     * @param fromSeconds when it started, on the ticks' clock
     * @param toSeconds when it ended
     */
    public record Phase(String label, double fromSeconds, double toSeconds) {
    }

    private record Target(Kind kind, URI url) {
    }

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration SCRAPE_TIMEOUT = Duration.ofMillis(900);

    private final long startNanos = System.nanoTime();
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final List<Tick> ticks = new CopyOnWriteArrayList<>();
    private final List<Phase> phases = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(SCRAPE_TIMEOUT).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-metrics-sampler");
        thread.setDaemon(true);
        return thread;
    });

    /** Starts scraping (with no target yet). */
    public MetricsSampler() {
        timer.scheduleAtFixedRate(this::tick, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Scrapes {@code baseUrl}'s {@code /actuator/prometheus} from the next tick on, under {@code name}. */
    public void addTarget(String name, Kind kind, URI baseUrl) {
        targets.put(name, new Target(kind, baseUrl.resolve("/actuator/prometheus")));
    }

    public void removeTarget(String name) {
        targets.remove(name);
    }

    /** Marks {@code [fromNanos, toNanos)} ({@link System#nanoTime()}) as {@code label}. */
    public void phase(String label, long fromNanos, long toNanos) {
        phases.add(new Phase(label, seconds(fromNanos), seconds(toNanos)));
    }

    public List<Tick> ticks() {
        return List.copyOf(ticks);
    }

    public List<Phase> phases() {
        return List.copyOf(phases);
    }

    private double seconds(long nanos) {
        return (nanos - startNanos) / 1e9;
    }

    private void tick() {
        double at = seconds(System.nanoTime());
        List<Scrape> scrapes = new ArrayList<>();
        targets.forEach((name, target) -> {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(target.url())
                        .timeout(SCRAPE_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    scrapes.add(new Scrape(name, target.kind(), PrometheusText.parse(response.body(), "restlive_")));
                }
            } catch (IOException e) {
                // A process busy or stopping: the panels show a gap for this tick.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ticks.add(new Tick(at, scrapes));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
