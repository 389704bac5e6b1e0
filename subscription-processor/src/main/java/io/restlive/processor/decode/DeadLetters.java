package io.restlive.processor.decode;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers a dead letter carries: where the record came from and why it was rejected. */
public final class DeadLetters {

    /** Source topic of the rejected record. */
    public static final String TOPIC = "rest-live.dlt.topic";
    /** Source partition, as decimal text. */
    public static final String PARTITION = "rest-live.dlt.partition";
    /** Source offset, as decimal text. */
    public static final String OFFSET = "rest-live.dlt.offset";
    /** Why it was rejected, as text. */
    public static final String REASON = "rest-live.dlt.reason";

    private DeadLetters() {
    }

    /** The original headers plus the dead-letter headers, as UTF-8 text. */
    public static Headers headers(Headers original, String topic, int partition, long offset, String reason) {
        Headers headers = new RecordHeaders(original.toArray());
        headers.add(TOPIC, utf8(topic));
        headers.add(PARTITION, utf8(Integer.toString(partition)));
        headers.add(OFFSET, utf8(Long.toString(offset)));
        headers.add(REASON, utf8(reason));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
