package io.restlive.edge.groups;

import io.restlive.core.kafka.SubscriptionRecords;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Local groups whose commands go to a mock producer: for tests of what sits above them. */
public final class TestGroups {

    private TestGroups() {
    }

    /** Groups of one processor task, session {@code edge-1}, commands dropped into a mock producer. */
    public static LocalGroups local() {
        return new LocalGroups(new GroupCommands(new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()), new SubscriptionRecords("subs", 1), EdgeSession.fixed("edge-1")),
                new ReadPositions(1), Duration.ofSeconds(1));
    }
}
