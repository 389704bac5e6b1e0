package io.restlive.processor.groups;

import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.SubscriptionCommand;
import java.io.IOException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global processor of the subscriptions topic: keeps the {@code subscription-groups} store (the live
 * {@code <groupKey>|<edgeId>} pairs with their commands) and the in-memory {@link GroupIndex} in step.
 *
 * <p>Kafka Streams restores the store before {@link #init}, so init rebuilds the index from it.
 */
public final class GroupStoreProcessor implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(GroupStoreProcessor.class);

    private final String storeName;
    private final GroupFactory factory;
    private final GroupIndex index;
    private KeyValueStore<String, byte[]> store;

    /**
     * @param storeName the global store
     * @param factory builds groups from specs against the views file
     * @param index the index shared with the stream threads
     */
    public GroupStoreProcessor(String storeName, GroupFactory factory, GroupIndex index) {
        this.storeName = storeName;
        this.factory = factory;
        this.index = index;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        index.clear();
        int pairs = 0;
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                apply(entry.key, entry.value);
                pairs++;
            }
        }
        log.info("Subscription groups rebuilt from the store: {} (group, edge) pairs, {} live groups",
                pairs, index.size());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            log.warn("Ignoring a subscription command without a key");
            return;
        }
        if (apply(record.key(), record.value())) {
            store.put(record.key(), record.value());
        } else {
            store.delete(record.key());
        }
    }

    /** Applies one command to the index; true if the (group, edge) pair is live afterwards. */
    private boolean apply(String key, byte[] value) {
        int bar = key.indexOf('|');
        if (bar <= 0) {
            log.warn("Ignoring subscription command with key '{}': expected '<groupKey>|<edgeId>'", key);
            return false;
        }
        String groupKey = key.substring(0, bar);
        String edgeId = key.substring(bar + 1);
        SubscriptionCommand command = value == null ? null : decode(key, value);
        if (command == null || command.getSpec() == null) {
            index.leave(groupKey, edgeId);
            return false;
        }
        index.join(groupKey, edgeId, () -> factory.create(groupKey, command.getSpec()));
        return true;
    }

    private static SubscriptionCommand decode(String key, byte[] value) {
        try {
            return AvroCodecs.decodeCommand(value);
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring subscription command with key '{}': not a SubscriptionCommand ({})", key,
                    e.getMessage());
            return null;
        }
    }
}
