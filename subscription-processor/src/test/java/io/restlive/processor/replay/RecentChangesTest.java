package io.restlive.processor.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentChangesTest {

    @Test
    void shouldReturnTheChangesAfterASequenceNumberOldestFirst() {
        // given
        RecentChanges history = new RecentChanges(10, Duration.ofMinutes(1), 100);
        for (long seq = 101; seq <= 105; seq++) {
            history.add(change(seq, 0));
        }

        // when / then
        assertThat(history.after(102)).extracting(AppliedChange::seq).containsExactly(103L, 104L, 105L);
        assertThat(history.after(105)).isEmpty();
        assertThat(history.coveredAfter()).isEqualTo(100);
    }

    @Test
    void shouldKnowHowFarBackItIsCompleteAfterDroppingByCountOrAge() {
        // given
        RecentChanges history = new RecentChanges(3, Duration.ofSeconds(10), 0);
        for (long seq = 1; seq <= 5; seq++) {
            history.add(change(seq, seq * 1_000));
        }

        // then: the two oldest were dropped for room
        assertThat(history.coveredAfter()).isEqualTo(2);
        assertThat(history.size()).isEqualTo(3);

        // when: time passes beyond the age of change 3
        history.expire(13_500);

        // then
        assertThat(history.coveredAfter()).isEqualTo(3);
        assertThat(history.after(0)).extracting(AppliedChange::seq).containsExactly(4L, 5L);
    }

    @Test
    void shouldKeepNothingWithoutCapacityAndSaySo() {
        RecentChanges history = new RecentChanges(0, Duration.ofMinutes(1), 0);
        history.add(change(1, 0));
        assertThat(history.size()).isZero();
        assertThat(history.coveredAfter()).isEqualTo(1);
    }

    private static AppliedChange change(long seq, long at) {
        return new AppliedChange(seq, "m.M|" + seq, "m.M", String.valueOf(seq), Json.NODES.numberNode(seq), null,
                Json.parseObject("{\"id\":" + seq + "}"), at, at);
    }
}
