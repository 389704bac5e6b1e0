package io.restlive.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The deployment tests' stand-in for DNS rewrites whole names only. */
class AddressesTest {

    private final Addresses addresses = new Addresses()
            .map("processor", 8081, 40001)
            .mapHost("processor-1")
            .mapHostPort("kafka:9092", "127.0.0.1:40002");

    @Test
    void shouldRewriteServiceAddressesInsideUrlsAndLists() {
        assertThat(addresses.apply("URL", "http://processor:8081")).isEqualTo("http://127.0.0.1:40001");
        assertThat(addresses.apply("SERVERS", "kafka:9092,processor:8081")).isEqualTo("127.0.0.1:40002,127.0.0.1:40001");
    }

    @Test
    void shouldRewriteABareHostOnlyInAHostVariable() {
        assertThat(addresses.apply("REST_LIVE_ADVERTISED_HOST", "processor-1")).isEqualTo("127.0.0.1");
        assertThat(addresses.apply("REST_LIVE_INSTANCE_ID", "processor-1")).isEqualTo("processor-1");
    }

    @Test
    void shouldLeaveNamesThatOnlyContainAKnownName() {
        assertThat(addresses.apply("URL", "http://my-processor:8081")).isEqualTo("http://my-processor:8081");
        assertThat(addresses.apply("SOME_HOST", "processor-10")).isEqualTo("processor-10");
        assertThat(addresses.apply("SOME_HOST", "processor.example.com")).isEqualTo("processor.example.com");
    }
}
