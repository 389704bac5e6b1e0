package io.restlive.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTableTest {

    @Test
    void shouldDivideOnlyTheFiguresThatKafkaAlsoHas() {
        // given
        ResultRow row = new ResultRow("100 changes/s", Map.of("p50_ms", 12.0, "missing_frames", 0.0),
                Map.of("p50_ms", 4.0));

        // when / then
        assertThat(row.ratios()).containsExactly(Map.entry("p50_ms", 3.0));
    }

    @Test
    void shouldPrintFiguresKafkaAndRatiosUnderEachOther() {
        // given
        ScenarioResult floor = new ScenarioResult("floor", "End-to-end floor", "", "",
                List.of(new ResultRow("200 changes", Map.of("p50_ms", 12.0), Map.of("p50_ms", 4.0))),
                List.of("a note"), null);
        Report report = new Report("now", "abc", new Machine("cpu", 2, 4, "os", "java", 1, 2), Map.of(), 3,
                List.of(floor));

        // when
        String table = ReportTable.render(report);

        // then
        assertThat(table).contains("== floor: End-to-end floor")
                .containsPattern("200 changes\\s+12\\s")
                .containsPattern("kafka alone\\s+4\\s")
                .containsPattern("rest-live / kafka\\s+3\\.00x")
                .contains("note: a note");
    }

    @Test
    void shouldFormatFiguresToAboutThreeSignificantDigits() {
        assertThat(ReportTable.format(40_123.4)).isEqualTo("40,123");
        assertThat(ReportTable.format(123.4)).isEqualTo("123");
        assertThat(ReportTable.format(12.34)).isEqualTo("12.3");
        assertThat(ReportTable.format(1.234)).isEqualTo("1.23");
        assertThat(ReportTable.format(0.1234)).isEqualTo("0.123");
        assertThat(ReportTable.format(Double.NaN)).isEqualTo("-");
    }
}
