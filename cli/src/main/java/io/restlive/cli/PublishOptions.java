package io.restlive.cli;

import io.restlive.schemas.TopicNames;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of {@code publish}.
 *
 * @param envelope the envelope given inline, or {@code null} when it comes from a file or stdin
 * @param file the file holding the envelope, {@code -} for stdin, or {@code null} when given inline
 * @param bootstrapServers the cluster to publish to
 * @param topicPrefix the prefix of the changes topic
 */
record PublishOptions(String envelope, String file, String bootstrapServers, String topicPrefix) {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

    /** Parses the arguments; defaults come from {@code env}. */
    static PublishOptions parse(List<String> args, Map<String, String> env) throws UsageException {
        CommandLine line = CommandLine.parse(args, Set.of("--file", "--bootstrap-servers", "--topic-prefix"), Set.of());
        List<String> positionals = line.positionals();
        String file = line.option("--file").orElse(null);
        String envelope = null;
        if (file != null && !positionals.isEmpty()) {
            throw new UsageException("give the envelope either inline or with --file, not both");
        }
        if (file == null) {
            if (positionals.size() != 1) {
                throw new UsageException("expected one JSON change envelope (quote it), --file FILE, or - for stdin");
            }
            if (positionals.get(0).equals("-")) {
                file = "-";
            } else {
                envelope = positionals.get(0);
            }
        }
        String bootstrap = line.option("--bootstrap-servers")
                .orElse(nonBlank(env.get("REST_LIVE_BOOTSTRAP_SERVERS"), DEFAULT_BOOTSTRAP_SERVERS));
        String prefix = line.option("--topic-prefix")
                .orElse(nonBlank(env.get(TopicNames.PREFIX_ENV), TopicNames.DEFAULT_PREFIX));
        try {
            new TopicNames(prefix);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new PublishOptions(envelope, file, bootstrap, prefix);
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
