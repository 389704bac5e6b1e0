package io.restlive.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void shouldFindTheMetricNamesOfAnExpression() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(restlive_edge_delivery_latency_seconds_bucket[$__rate_interval])))"))
                .containsExactly("restlive_edge_delivery_latency_seconds_bucket");
        assertThat(PromQl.metricNames("sum by (instance) (jvm_memory_used_bytes{area=\"heap\", id=~\"G1.*\"})"))
                .containsExactly("jvm_memory_used_bytes");
        assertThat(PromQl.metricNames("sum(rate(a_total[5m])) / on(job) group_left sum(b_total) > 0.5 or vector(0)"))
                .containsExactly("a_total", "b_total");
        assertThat(PromQl.metricNames("sum(increase(restlive_processor_edges_expired_total[1h]))"))
                .containsExactly("restlive_processor_edges_expired_total");
    }

    @Test
    void shouldReadTheSeriesNamesOfAScrape() {
        String scrape = """
                # HELP restlive_edge_connections Open WebSocket connections
                # TYPE restlive_edge_connections gauge
                restlive_edge_connections{application="x"} 3.0
                restlive_edge_delivery_latency_seconds_bucket{le="0.001"} 0
                up 1
                """;

        assertThat(PromQl.scrapedNames(scrape))
                .containsExactly("restlive_edge_connections", "restlive_edge_delivery_latency_seconds_bucket", "up");
    }
}
