package io.restlive.e2e.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.e2e.support.ProcessorEndpoints;
import io.restlive.e2e.support.PromQl;
import io.restlive.e2e.support.StackExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard in docs/grafana/ charts only metrics that exist: every metric name in its PromQL
 * appears in a real scrape of {@code /actuator/prometheus} of a running edge or processor.
 */
class DashboardMetricsIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(1);

    private static final Path DASHBOARD = Path.of(System.getProperty("rest-live.project-dir", ".."))
            .resolve("docs/grafana/rest-live.json");

    @Test
    void shouldChartOnlyMetricsThatTheEdgeAndTheProcessorExpose() throws Exception {
        // given
        String edgeScrape = get(URI.create(STACK.subscribeUrl(1).toString().replace("ws://", "http://"))
                .resolve("/actuator/prometheus"));
        String processorScrape = ProcessorEndpoints.of(STACK.stack()).prometheus();
        Set<String> edge = PromQl.scrapedNames(edgeScrape);
        Set<String> processor = PromQl.scrapedNames(processorScrape);

        // when
        Set<String> charted = new LinkedHashSet<>();
        for (JsonNode panel : Json.parseObject(Files.readString(DASHBOARD)).get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                charted.addAll(PromQl.metricNames(target.get("expr").asString()));
            }
        }

        // then
        assertThat(charted).as("metrics charted").hasSizeGreaterThan(15);
        assertThat(charted).allSatisfy(name -> {
            if (name.startsWith("restlive_edge_")) {
                assertThat(edge).as("the edge's scrape").contains(name);
            } else if (name.startsWith("restlive_processor_")) {
                assertThat(processor).as("the processor's scrape").contains(name);
            } else {
                assertThat(edge).as("the edge's scrape (metrics of both services)").contains(name);
                assertThat(processor).as("the processor's scrape (metrics of both services)").contains(name);
            }
        });
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + uri).isEqualTo(200);
        return response.body();
    }
}
