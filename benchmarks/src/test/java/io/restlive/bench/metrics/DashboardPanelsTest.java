package io.restlive.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardPanelsTest {

    @Test
    void shouldInterpolateAQuantileInsideItsBucketAsPrometheusDoes() {
        // given: 100 observations, 50 up to 10 ms, 90 up to 20 ms, all up to 100 ms
        Map<Double, Double> buckets = Map.of(0.01, 50.0, 0.02, 90.0, 0.1, 100.0, Double.POSITIVE_INFINITY, 100.0);

        // then
        assertThat(DashboardPanels.histogramQuantile(0.5, buckets)).isCloseTo(0.01, within(1e-9));
        assertThat(DashboardPanels.histogramQuantile(0.7, buckets)).isCloseTo(0.015, within(1e-9));
        assertThat(DashboardPanels.histogramQuantile(0.99, buckets)).isCloseTo(0.092, within(1e-9));
        assertThat(DashboardPanels.histogramQuantile(0.5, Map.of(Double.POSITIVE_INFINITY, 0.0))).isNaN();
    }

    @Test
    void shouldTakeARateOverFiveTicksFromTheProcessesPresentAtBothEnds() {
        // given: edge-1 sends 100 frames a second; edge-2 appears later and must not count as a jump
        List<Tick> ticks = new ArrayList<>();
        for (int t = 0; t <= 6; t++) {
            List<Scrape> scrapes = new ArrayList<>(List.of(edge("edge-1", 100.0 * t)));
            if (t >= 4) {
                scrapes.add(edge("edge-2", 5_000));
            }
            ticks.add(new Tick(t, scrapes));
        }

        // when
        DashboardPanels.Line rate = DashboardPanels.rate(ticks, null, "frames", "restlive_edge_frames_sent_total",
                null, null);

        // then
        assertThat(rate.values()[4]).isNaN();
        assertThat(rate.values()[5]).isEqualTo(100.0);
        assertThat(rate.values()[6]).isEqualTo(100.0);
    }

    @Test
    void shouldDrawTheEightMainPanelsTitledAsInTheDashboard() {
        // when
        List<DashboardPanels.Panel> panels = DashboardPanels.of(List.of(new Tick(0, List.of(edge("edge-1", 0)))));

        // then
        assertThat(panels).extracting(DashboardPanels.Panel::title).containsExactly("Open connections",
                "Subscriptions and groups", "Frames sent per second",
                "End-to-end latency (change timestamp to frame queued)", "Broadcast consumer lag",
                "Limit refusals, by limit", "Changes, broadcasts and dead letters per second",
                "Live subscription groups");
    }

    private static Scrape edge(String name, double framesSent) {
        return new Scrape(name, MetricsSampler.Kind.EDGE, List.of(
                new PrometheusText.Series("restlive_edge_frames_sent_total", Map.of(), framesSent)));
    }
}
