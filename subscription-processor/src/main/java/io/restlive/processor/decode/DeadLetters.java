package io.restlive.processor.decode;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers a dead letter carries: where the record came from, what kind of rejection it is and why.
 * Every kind is listed in docs/operations.md.
 */
public final class DeadLetters {

    /** Source topic of the rejected record. */
    public static final String TOPIC = "rest-live.dlt.topic";
    /** Source partition, as decimal text. */
    public static final String PARTITION = "rest-live.dlt.partition";
    /** Source offset, as decimal text. */
    public static final String OFFSET = "rest-live.dlt.offset";
    /** The kind of rejection ({@link Kind#tag()}), as text. */
    public static final String KIND = "rest-live.dlt.kind";
    /** Why it was rejected, as text. */
    public static final String REASON = "rest-live.dlt.reason";

    /** Why a record was dead-lettered, as a metric tag and a header. */
    public enum Kind {
        /** Not an envelope in any accepted encoding, or an envelope that breaks the schema. */
        MALFORMED("malformed"),
        /** A change of a model that no view names (unless {@code rest-live.unknown-models=keep}). */
        UNKNOWN_MODEL("unknown-model"),
        /** A change whose rendered instance is larger than {@code rest-live.max-frame-size} for some group. */
        FRAME_TOO_LARGE("frame-too-large");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }

        /** The kind as a metric tag and header value. */
        public String tag() {
            return tag;
        }
    }

    private DeadLetters() {
    }

    /** The original headers plus the dead-letter headers, as UTF-8 text. */
    public static Headers headers(Headers original, String topic, int partition, long offset, Kind kind,
                                  String reason) {
        Headers headers = new RecordHeaders(original.toArray());
        headers.add(TOPIC, utf8(topic));
        headers.add(PARTITION, utf8(Integer.toString(partition)));
        headers.add(OFFSET, utf8(Long.toString(offset)));
        headers.add(KIND, utf8(kind.tag()));
        headers.add(REASON, utf8(reason));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
