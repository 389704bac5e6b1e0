package io.restlive.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void shouldKeepTheSeriesOfThePrefixWithTheirLabels() {
        // given
        String body = """
                # HELP restlive_edge_connections open connections
                # TYPE restlive_edge_connections gauge
                restlive_edge_connections{application="ws-edge"} 12.0
                jvm_threads_live_threads 40.0
                restlive_edge_limit_refusals_total{application="ws-edge",limit="subscribe_rate"} 9950.0
                restlive_edge_delivery_latency_seconds_bucket{le="+Inf"} 3.0
                restlive_processor_groups 7
                """;

        // when
        List<PrometheusText.Series> series = PrometheusText.parse(body, "restlive_");

        // then
        assertThat(series).extracting(PrometheusText.Series::name).containsExactly("restlive_edge_connections",
                "restlive_edge_limit_refusals_total", "restlive_edge_delivery_latency_seconds_bucket",
                "restlive_processor_groups");
        assertThat(series.get(1).label("limit")).isEqualTo("subscribe_rate");
        assertThat(series.get(1).value()).isEqualTo(9950.0);
        assertThat(series.get(2).label("le")).isEqualTo("+Inf");
        assertThat(series.get(3).value()).isEqualTo(7.0);
    }
}
