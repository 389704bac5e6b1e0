package io.restlive.bench.scenarios;

import io.restlive.core.kafka.RestLiveTopics;

import io.restlive.bench.BenchmarkOptions;
import io.restlive.bench.kafka.BenchKafka;
import io.restlive.bench.kafka.KafkaBaseline;
import io.restlive.bench.load.BenchChange;
import io.restlive.bench.load.ChangePublisher;
import io.restlive.bench.stack.BenchStack;
import io.restlive.bench.ws.FrameHandler;
import io.restlive.bench.ws.WsConnection;
import io.restlive.bench.ws.WsLoadClient;
import io.restlive.bench.metrics.MetricsSampler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What a scenario works with: the options, the running stack, the load generator's clients and the Kafka
 * baseline on the same broker.
 */
public final class ScenarioContext {

    private int dataPartitions;

    private final BenchmarkOptions options;
    private final BenchStack stack;
    private final BenchKafka kafka;
    private final KafkaBaseline baseline;
    private final ChangePublisher publisher;
    private final WsLoadClient ws;
    private final Consumer<String> log;
    private final String payload;
    private final AtomicLong publishFailures = new AtomicLong();

    private final MetricsSampler sampler;

    public ScenarioContext(BenchmarkOptions options, BenchStack stack, ChangePublisher publisher, WsLoadClient ws,
                           Consumer<String> log) {
        this(options, stack, publisher, ws, log, null);
    }

    /** @param sampler scrapes the processes' metrics during the run, or {@code null} */
    public ScenarioContext(BenchmarkOptions options, BenchStack stack, ChangePublisher publisher, WsLoadClient ws,
                           Consumer<String> log, MetricsSampler sampler) {
        this.sampler = sampler;
        this.options = options;
        this.stack = stack;
        this.kafka = new BenchKafka(stack.bootstrapServers());
        this.baseline = new KafkaBaseline(kafka, stack.topics().prefix(), stack.brokerPid());
        this.publisher = publisher;
        this.ws = ws;
        this.log = log;
        this.payload = BenchChange.padding(options.payloadBytes());
    }

    public BenchmarkOptions options() {
        return options;
    }

    public BenchStack stack() {
        return stack;
    }

    public BenchKafka kafka() {
        return kafka;
    }

    public KafkaBaseline baseline() {
        return baseline;
    }

    /** The processor's task count: the partitions of the changes and subscriptions topics. */
    public int dataPartitions() {
        if (dataPartitions == 0) {
            dataPartitions = RestLiveTopics.dataPartitions(kafka.bootstrapServers(), stack.topics(), options.timeout());
        }
        return dataPartitions;
    }

    public Duration timeout() {
        return options.timeout();
    }

    /** Prints a progress line. */
    public void log(String line) {
        log.accept(line);
    }

    /** A change of {@code model} with the run's padding. */
    public BenchChange change(String model, long pk, long group, long sentNanos) {
        return new BenchChange(model, pk, group, sentNanos, payload);
    }

    /** Publishes through producer-lib, counting failures instead of stopping the load. */
    public CompletableFuture<?> publish(BenchChange change) {
        return publisher.publish(change).whenComplete((ok, error) -> {
            if (error != null) {
                publishFailures.incrementAndGet();
            }
        });
    }

    /** Publishes a batch through producer-lib; completes when all are acknowledged. */
    public CompletableFuture<?> publishAll(List<BenchChange> changes) {
        return publisher.publishAll(changes).whenComplete((ok, error) -> {
            if (error != null) {
                publishFailures.addAndGet(changes.size());
            }
        });
    }

    /** Changes whose publication failed so far. */
    public long publishFailures() {
        return publishFailures.get();
    }

    /**
     * Opens {@code count} connections spread evenly over the edges (the first share on edge 1, the next on
     * edge 2, ...), or all on {@code onlyEdge} when it is positive.
     */
    public List<WsConnection> connect(int count, int onlyEdge, FrameHandler handler) {
        return connect(count, onlyEdge, handler, null);
    }

    /** As {@link #connect(int, int, FrameHandler)}, with a WebSocket subprotocol ({@code rest-live.v2}) or none. */
    public List<WsConnection> connect(int count, int onlyEdge, FrameHandler handler, String subprotocol) {
        List<WsConnection> all = new ArrayList<>(count);
        int edges = onlyEdge > 0 ? 1 : stack.edgeCount();
        for (int e = 0; e < edges; e++) {
            int edge = onlyEdge > 0 ? onlyEdge : e + 1;
            int share = count / edges + (e < count % edges ? 1 : 0);
            all.addAll(ws.open(stack.subscribeUrl(edge), share, all.size(), handler, timeout(), subprotocol));
        }
        return all;
    }

    /** Opens {@code count} connections to {@code uri} from the usual source addresses. */
    public List<WsConnection> connect(URI uri, int count, FrameHandler handler) {
        return ws.open(uri, count, 0, handler, timeout());
    }

    /** The load generator's WebSocket client, for connections a scenario opens one by one. */
    public WsLoadClient ws() {
        return ws;
    }

    /** Marks a phase on the dashboard picture, when metrics are scraped. */
    public void phase(String label, long fromNanos, long toNanos) {
        if (sampler != null) {
            sampler.phase(label, fromNanos, toNanos);
        }
    }

    /** Scrapes one more edge from now on, when metrics are scraped (an edge a scenario started itself). */
    public void scrapeEdge(String name, URI baseUrl) {
        if (sampler != null) {
            sampler.addTarget(name, MetricsSampler.Kind.EDGE, baseUrl);
        }
    }

    /** Stops scraping {@code name} (it is about to stop). */
    public void stopScraping(String name) {
        if (sampler != null) {
            sampler.removeTarget(name);
        }
    }

    /** Closes connections, waiting a bounded time; returns how many did not close. */
    public int disconnect(List<WsConnection> connections) {
        return WsLoadClient.close(connections, timeout());
    }
}
