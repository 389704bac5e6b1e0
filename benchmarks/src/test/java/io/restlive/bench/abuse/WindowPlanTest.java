package io.restlive.bench.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPlanTest {

    @Test
    void shouldPutQuietWindowsAroundAndBetweenTheAbuses() {
        // when
        WindowPlan plan = WindowPlan.around(List.of("a", "b"));

        // then
        assertThat(plan.windows()).containsExactly("quiet", "a", "quiet", "b", "quiet");
        assertThat(plan.isQuiet(0)).isTrue();
        assertThat(plan.isQuiet(1)).isFalse();
    }

    @Test
    void shouldRunTheAbusesAgainInLaterRoundsNamingEachRound() {
        // when
        WindowPlan plan = WindowPlan.around(List.of("a", "b"), 2);

        // then
        assertThat(plan.windows()).containsExactly("quiet", "round 1: a", "quiet", "round 1: b", "quiet",
                "round 2: a", "quiet", "round 2: b", "quiet");
        assertThat(plan.quietNeighbours(5)).containsExactly(4, 6);
    }

    @Test
    void shouldCompareEachAbuseWithTheQuietWindowsJustBeforeAndAfterIt() {
        // given
        WindowPlan plan = WindowPlan.around(List.of("a", "b", "c"));

        // then
        assertThat(plan.quietNeighbours(1)).containsExactly(0, 2);
        assertThat(plan.quietNeighbours(3)).containsExactly(2, 4);
        assertThat(plan.quietNeighbours(5)).containsExactly(4, 6);
    }

    @Test
    void shouldGiveNoRatioWhenTheQuietFigureIsMissing() {
        assertThat(WindowPlan.ratio(30, 15)).isEqualTo(2.0);
        assertThat(WindowPlan.ratio(30, 0)).isNaN();
    }
}
