package io.restlive.core.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restlive.core.json.Json;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void shouldCarryValuesAsStringsAndListsAsRepeatedParameters() {
        assertThat(Json.write(QueryParams.normalize(Json.parseObject(
                "{\"n\":3,\"active\":true,\"q\":\"x\",\"tag\":[\"a\",1]}"))))
                .isEqualTo("{\"n\":\"3\",\"active\":\"true\",\"q\":\"x\",\"tag\":[\"a\",\"1\"]}");
    }

    @Test
    void shouldRejectNullNamingTheKey() {
        assertThatThrownBy(() -> QueryParams.normalize(Json.parseObject("{\"a\":null}")))
                .hasMessage("query_params value for 'a' is null");
    }
}
