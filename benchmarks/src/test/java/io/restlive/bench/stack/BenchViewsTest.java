package io.restlive.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.views.ViewsFile;
import org.junit.jupiter.api.Test;

class BenchViewsTest {

    @Test
    void shouldServeOneIndexedViewPerScenarioOnOnePublicEndpoint() {
        // when
        ViewsFile views = ViewsFile.parse(BenchViews.yaml(), "bench-views.yaml");

        // then
        assertThat(views.views()).hasSize(8)
                .allSatisfy(view -> assertThat(view.indexedField()).contains("group"));
        assertThat(views.endpoint(BenchViews.PATH)).isPresent();
        assertThat(BenchViews.view("fanout").model()).isEqualTo(BenchViews.FANOUT);
    }
}
