package io.restlive.processor.positions;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskPositionsTest {

    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("task-position"), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void shouldNumberChangesOneByOneAndWriteTheStoreOncePerBlock() {
        // given
        TaskPositions positions = TaskPositions.open(store, 3);

        // when
        for (int i = 0; i < 5; i++) {
            positions.next();
        }

        // then
        assertThat(positions.current().getSeq()).isEqualTo(5);
        assertThat(positions.current().getPartition()).isEqualTo(3);
        assertThat(new String(store.get(TaskPositions.KEY))).isEqualTo(positions.epoch() + ":" + TaskPositions.BLOCK);
    }

    @Test
    void shouldContinueAfterTheReservedBlockOnRestartAndKeepTheEpoch() {
        // given: an incarnation used 7 numbers, then died
        TaskPositions first = TaskPositions.open(store, 0);
        for (int i = 0; i < 7; i++) {
            first.next();
        }

        // when
        TaskPositions second = TaskPositions.open(store, 0);

        // then: never a number the first may have used, nor one of the block it would have reserved next
        assertThat(second.epoch()).isEqualTo(first.epoch());
        assertThat(second.startedAfter()).isEqualTo(2 * TaskPositions.BLOCK);
        assertThat(second.next().getSeq()).isEqualTo(2 * TaskPositions.BLOCK + 1);
    }

    @Test
    void shouldNotReuseTheNumbersOfABlockWhoseReservationWasLostWithItsProcess() {
        // given: an incarnation reserved its second block and numbered changes from it, but was killed before the
        // reservation's record reached the changelog (the store holds the first block's record again)
        TaskPositions first = TaskPositions.open(store, 0);
        byte[] firstBlock = null;
        long lastUsed = 0;
        for (int i = 0; i < TaskPositions.BLOCK + 5; i++) {
            lastUsed = first.next().getSeq();
            if (firstBlock == null) {
                firstBlock = store.get(TaskPositions.KEY);
            }
        }
        store.put(TaskPositions.KEY, firstBlock);

        // when
        TaskPositions second = TaskPositions.open(store, 0);

        // then
        assertThat(second.next().getSeq()).isGreaterThan(lastUsed);
    }

    @Test
    void shouldStartANewEpochWhenTheStateIsLost() {
        // given
        int before = TaskPositions.open(store, 0).epoch();
        TaskPositions.open(store, 0).next();
        store.delete(TaskPositions.KEY);

        // when / then
        assertThat(TaskPositions.open(store, 0).epoch()).isNotEqualTo(before);
    }
}
