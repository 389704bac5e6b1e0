package io.restlive.cli;

import io.restlive.core.kafka.RestLiveTopics;
import io.restlive.core.kafka.SubscriptionRecords;
import io.restlive.schemas.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code reset-versions [--model M]}: tells every processor task to forget the stored versions of a model
 * (or of every model), after the source database was restored from a backup and its versions went back.
 * The command goes to every partition of the subscriptions topic, in order with the tasks' other input.
 */
final class ResetVersionsCommand {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CliContext context;

    ResetVersionsCommand(CliContext context) {
        this.context = context;
    }

    int run(List<String> args) throws UsageException {
        CommandLine line = CommandLine.parse(args, Set.of("--model", "--bootstrap-servers", "--topic-prefix"), Set.of());
        if (!line.positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + line.positionals().get(0) + "'");
        }
        String model = line.option("--model").orElse(null);
        String bootstrap = line.option("--bootstrap-servers").orElse(nonBlank(context.env().get(
                "REST_LIVE_BOOTSTRAP_SERVERS"), PublishOptions.DEFAULT_BOOTSTRAP_SERVERS));
        TopicNames names;
        try {
            names = new TopicNames(line.option("--topic-prefix").orElse(nonBlank(context.env().get(TopicNames.PREFIX_ENV),
                    TopicNames.DEFAULT_PREFIX)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            int partitions = RestLiveTopics.dataPartitions(bootstrap, names, TIMEOUT);
            send(bootstrap, new SubscriptionRecords(names.subscriptions(), partitions).resetVersions(model));
            context.out().println("asked every processor task (" + partitions + ") to forget the stored versions of "
                    + (model == null ? "every model" : model) + "; the processor logs 'reset the versions' per task");
            return RestLiveCli.EXIT_OK;
        } catch (IllegalStateException | ExecutionException | TimeoutException e) {
            context.err().println("rest-live reset-versions: " + e.getMessage());
            return RestLiveCli.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RestLiveCli.EXIT_FAILURE;
        }
    }

    private static void send(String bootstrap, List<ProducerRecord<byte[], byte[]>> records)
            throws ExecutionException, TimeoutException, InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
