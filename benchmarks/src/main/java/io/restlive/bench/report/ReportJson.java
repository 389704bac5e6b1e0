package io.restlive.bench.report;

import java.nio.file.Path;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a report as indented JSON; every row also carries its ratios to Kafka. */
public final class ReportJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Derived figures (a row's ratios) are written for readers but recomputed when read back.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ReportJson() {
    }

    public static void write(Report report, Path file) {
        MAPPER.writeValue(file.toFile(), report);
    }

    public static Report read(Path file) {
        return MAPPER.readValue(file.toFile(), Report.class);
    }
}
