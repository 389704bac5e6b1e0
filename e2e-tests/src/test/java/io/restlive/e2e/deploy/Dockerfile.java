package io.restlive.e2e.deploy;

import io.restlive.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A Dockerfile read into its stages and instructions (continuation lines joined, comments dropped), enough to
 * replay what it copies and starts: the build cannot run here (no Docker engine), its steps can.
 *
 * @param stages in file order; the last one is the image
 */
record Dockerfile(List<Stage> stages) {

    /** One instruction: {@code COPY --from=layers /a/ ./} is keyword {@code COPY}, arguments {@code --from=layers /a/ ./}. */
    record Instruction(String keyword, String arguments) {

        List<String> words() {
            return List.of(arguments.trim().split("\\s+"));
        }

        /** The JSON array form ({@code ENTRYPOINT ["java", "..."]}) as a list. */
        List<String> execForm() {
            JsonNode array = Json.parse(arguments);
            List<String> items = new ArrayList<>();
            array.forEach(item -> items.add(item.asString()));
            return items;
        }
    }

    /** {@code FROM <image> [AS <name>]} and what follows it. */
    record Stage(String image, String name, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> matching = all(keyword);
            return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
        }
    }

    static Dockerfile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Stage> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String instruction = pending.toString().strip();
            pending.setLength(0);
            int space = instruction.indexOf(' ');
            String keyword = instruction.substring(0, space).toUpperCase(Locale.ROOT);
            String arguments = instruction.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                String[] words = arguments.split("\\s+");
                stages.add(new Stage(words[0], words.length == 3 ? words[2] : null, new ArrayList<>()));
            } else {
                stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(List.copyOf(stages));
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name));
    }

    /** The image's stage. */
    Stage image() {
        return stages.get(stages.size() - 1);
    }
}
