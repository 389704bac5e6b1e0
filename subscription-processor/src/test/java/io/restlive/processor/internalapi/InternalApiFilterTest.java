package io.restlive.processor.internalapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /internal/**} answers only callers that present the shared internal secret. */
class InternalApiFilterTest {

    private static final String SECRET = "the-internal-secret-of-this-test";

    private final AtomicInteger refused = new AtomicInteger();

    /** Stands in for the lookup controller: the filter decides before any controller runs. */
    @RestController
    static final class InternalEndpoint {
        @GetMapping("/internal/lookup")
        String lookup() {
            return "{}";
        }
    }

    private MockMvc processor(InternalApiProperties properties) {
        return MockMvcBuilders.standaloneSetup(new InternalEndpoint())
                .addFilter(new InternalApiFilter(properties, refused::incrementAndGet), "/internal/*").build();
    }

    private static MockHttpServletRequestBuilder lookup() {
        return get("/internal/lookup").param("model", "todolist.Task").param("field", "pk").param("value", "1");
    }

    @Test
    void shouldAnswerACallerWithTheSecret() throws Exception {
        processor(new InternalApiProperties(SECRET, true))
                .perform(lookup().header("Authorization", "Bearer " + SECRET))
                .andExpect(status().isOk());

        assertThat(refused).hasValue(0);
    }

    @Test
    void shouldRefuseACallWithoutTheHeader() throws Exception {
        processor(new InternalApiProperties(SECRET, true)).perform(lookup()).andExpect(status().isUnauthorized());

        assertThat(refused).hasValue(1);
    }

    @Test
    void shouldRefuseACallWithAWrongSecret() throws Exception {
        MockMvc mvc = processor(new InternalApiProperties(SECRET, true));

        mvc.perform(lookup().header("Authorization", "Bearer not-the-secret")).andExpect(status().isUnauthorized());
        mvc.perform(lookup().header("Authorization", "Basic " + SECRET)).andExpect(status().isUnauthorized());
    }

    @Test
    void shouldRefuseEveryCallWhenNoSecretIsSetAndOneIsRequired() throws Exception {
        MockMvc mvc = processor(new InternalApiProperties(null, true));

        mvc.perform(lookup()).andExpect(status().isUnauthorized());
        mvc.perform(lookup().header("Authorization", "Bearer ")).andExpect(status().isUnauthorized());
        mvc.perform(lookup().header("Authorization", "Bearer anything")).andExpect(status().isUnauthorized());
    }

    @Test
    void shouldLetEveryCallThroughOnlyWhenTheSecretIsExplicitlyNotRequired() throws Exception {
        processor(new InternalApiProperties(null, false)).perform(lookup()).andExpect(status().isOk());
    }

    @Test
    void shouldStillRequireASecretThatIsSetEvenIfNotRequired() throws Exception {
        processor(new InternalApiProperties(SECRET, false)).perform(lookup()).andExpect(status().isUnauthorized());
    }

    @Test
    void shouldRefuseToStartWithAShortSecretNamingTheKey() {
        assertThatThrownBy(() -> new InternalApiProperties("short", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rest-live.internal-secret");
    }

    @Test
    void shouldMaskTheSecretInItsDescription() {
        assertThat(new InternalApiProperties(SECRET, true).toString()).doesNotContain(SECRET).contains("****");
    }
}
