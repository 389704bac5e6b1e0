package io.restlive.devbroker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/** Formats the broker's data directory on first start, exactly as {@code kafka-storage.sh format} does. */
final class StorageFormat {

    private StorageFormat() {
    }

    /**
     * Formats {@code settings.dataDir()} unless it already holds a {@code meta.properties}.
     *
     * @return {@code true} if it formatted, {@code false} if the directory was already formatted
     * @throws IllegalStateException with Kafka's output if formatting fails
     */
    static boolean formatIfMissing(BrokerSettings settings) throws IOException {
        Path dataDir = settings.dataDir();
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return false;
        }
        Files.createDirectories(dataDir);
        Path config = writeConfig(settings.serverProperties(), dataDir.resolve("server.properties"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(new String[] {
                    "format", "--config", config.toString(), "--cluster-id", Uuid.randomUuid().toString()}, out);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("formatting " + dataDir + " failed: " + output.toString(StandardCharsets.UTF_8));
        }
        return true;
    }

    private static Path writeConfig(Properties props, Path file) throws IOException {
        // Kept in the data dir so that the exact configuration of a broker can be read after the fact.
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "rest-live dev broker (written on format; the broker is configured from its arguments)");
        }
        return file;
    }
}
