package io.restlive.cli;

import io.restlive.cli.publish.ChangeEnvelopes;
import io.restlive.cli.publish.ChangePublisher;
import io.restlive.cli.publish.ChangeRecord;
import io.restlive.cli.publish.InvalidEnvelopeException;
import io.restlive.cli.publish.PublishFailedException;
import io.restlive.schemas.TopicNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import org.apache.kafka.clients.producer.RecordMetadata;

/** {@code publish}: validates one JSON change envelope and sends it to the changes topic. */
final class PublishCommand {

    private final CliContext context;

    PublishCommand(CliContext context) {
        this.context = context;
    }

    int run(PublishOptions options) {
        ChangeRecord change;
        try {
            change = ChangeEnvelopes.validate(read(options), Instant.now());
        } catch (InvalidEnvelopeException e) {
            context.err().println("invalid change envelope: " + e.getMessage());
            return RestLiveCli.EXIT_USAGE;
        } catch (IOException e) {
            context.err().println("cannot read the envelope from " + options.file() + ": " + e.getMessage());
            return RestLiveCli.EXIT_USAGE;
        }
        String topic = new TopicNames(options.topicPrefix()).changes();
        try {
            RecordMetadata sent = ChangePublisher.send(options.bootstrapServers(), topic, change);
            context.out().println("published " + change.key() + " to " + topic + " partition " + sent.partition()
                    + " offset " + sent.offset());
            return RestLiveCli.EXIT_OK;
        } catch (PublishFailedException e) {
            context.err().println(e.getMessage());
            return RestLiveCli.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.err().println("interrupted before the broker acknowledged the change");
            return RestLiveCli.EXIT_FAILURE;
        }
    }

    private String read(PublishOptions options) throws IOException {
        if (options.envelope() != null) {
            return options.envelope();
        }
        if (options.file().equals("-")) {
            return new String(context.in().readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(context.resolve(options.file()));
    }
}
