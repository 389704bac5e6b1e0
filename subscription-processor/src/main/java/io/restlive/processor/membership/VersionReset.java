package io.restlive.processor.membership;

import io.restlive.processor.entities.StoredEntity;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the stored versions of a model (or of every model) in one task, so that the next change of each
 * entity is applied whatever its version: what to do after the source database was restored from a backup
 * and its versions went back. Live entries keep their state and lose their version; tombstones of versioned
 * deletes are removed (they existed only to hold a version).
 */
final class VersionReset {

    private static final Logger log = LoggerFactory.getLogger(VersionReset.class);

    private final int partition;
    private final KeyValueStore<String, StoredEntity> entities;

    VersionReset(int partition, KeyValueStore<String, StoredEntity> entities) {
        this.partition = partition;
        this.entities = entities;
    }

    /** Resets {@code model}, or every model when null. */
    void reset(String model) {
        List<KeyValue<String, StoredEntity>> versioned = new ArrayList<>();
        try (KeyValueIterator<String, StoredEntity> all = model == null ? entities.all()
                : entities.prefixScan(model + "|", new StringSerializer())) {
            while (all.hasNext()) {
                KeyValue<String, StoredEntity> entry = all.next();
                if (entry.value.version() != null) {
                    versioned.add(entry);
                }
            }
        }
        for (KeyValue<String, StoredEntity> entry : versioned) {
            if (entry.value.isTombstone()) {
                entities.delete(entry.key);
            } else {
                entities.put(entry.key, entry.value.withoutVersion());
            }
        }
        log.info("Task {}: reset the versions of {} entities of {}", partition, versioned.size(),
                model == null ? "every model" : model);
    }
}
