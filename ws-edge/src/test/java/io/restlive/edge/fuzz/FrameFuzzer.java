package io.restlive.edge.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Random and mutated client frames from a seed: well-formed subscribes and unsubscribes (with ids other
 * connections use too), values of every JSON type in every field, oversized and deeply nested values, and
 * byte-level mutations of all of them (cut, flipped, duplicated, spliced). Deterministic per seed, so a
 * failing frame is reproduced from the seed in the failure message.
 */
final class FrameFuzzer {

    private static final List<String> IDS = List.of("1", "2", "\"1\"", "1.0", "0", "-1", "null", "true", "[]", "{}",
            "[1]", "{\"a\":1}", "1e400", "123456789012345678901234567890", "\"\"", "\"\\u0000\"", "\"\\ud800\"");
    private static final List<String> MODELS = List.of("\"todolist.Task\"", "\"todolist.List\"", "\"nope.Nope\"", "null",
            "1", "[]", "{}", "\"\"", "\"todolist.task\"", "\"" + "m".repeat(5000) + "\"");
    private static final List<String> ACTIONS = List.of("\"list\"", "\"retrieve\"", "\"create\"", "null", "1", "[]",
            "{}", "\"LIST\"", "\"\"");
    private static final List<String> VALUES = List.of("1", "\"1\"", "2", "99", "null", "true", "1.5", "-0", "[]",
            "{}", "[1,2]", "{\"list\":1}", "\"" + "v".repeat(3000) + "\"", "1e308", "\"\\ud83d\\ude00\"");
    private static final List<String> TYPES = List.of("\"subscribe\"", "\"unsubscribe\"", "\"nope\"", "null", "1",
            "[]", "{}", "\"SUBSCRIBE\"");

    private final Random random;

    FrameFuzzer(long seed) {
        this.random = new Random(seed);
    }

    /** The next frame: mostly plausible ones, a third of them mutated. */
    String next() {
        String frame = switch (random.nextInt(10)) {
            case 0 -> randomJson(3);
            case 1 -> "{\"type\":\"unsubscribe\",\"id\":" + pick(IDS) + "}";
            case 2 -> deep(random.nextInt(3000));
            default -> subscribe();
        };
        return random.nextInt(3) == 0 ? mutate(frame) : frame;
    }

    private String subscribe() {
        StringBuilder frame = new StringBuilder("{");
        field(frame, "type", random.nextInt(5) == 0 ? pick(TYPES) : "\"subscribe\"");
        field(frame, "id", pick(IDS));
        field(frame, "model", random.nextInt(4) == 0 ? pick(MODELS) : "\"todolist.Task\"");
        field(frame, "action", random.nextInt(4) == 0 ? pick(ACTIONS) : random.nextBoolean() ? "\"list\"" : "\"retrieve\"");
        if (random.nextBoolean()) {
            field(frame, "lookup_by", pick(VALUES));
        }
        if (random.nextBoolean()) {
            field(frame, "view_kwargs", random.nextInt(4) == 0 ? pick(VALUES) : "{\"list\":" + pick(VALUES) + "}");
        }
        if (random.nextBoolean()) {
            field(frame, "query_params", random.nextInt(4) == 0 ? pick(VALUES)
                    : "{\"search\":" + pick(VALUES) + ",\"tags\":[" + pick(VALUES) + "]}");
        }
        if (random.nextInt(8) == 0) {
            field(frame, pick(List.of("id", "type", "model", "extra")), randomJson(2));
        }
        frame.setLength(frame.length() - 1);
        return frame.append('}').toString();
    }

    private void field(StringBuilder frame, String name, String value) {
        frame.append('"').append(name).append("\":").append(value).append(',');
    }

    private String randomJson(int depth) {
        int kind = depth <= 0 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> Double.toString(random.nextDouble() * 1e6);
            case 2 -> "\"" + randomText(random.nextInt(20)) + "\"";
            case 3 -> random.nextBoolean() ? "true" : "null";
            case 4 -> pick(VALUES);
            case 5 -> "[" + randomJson(depth - 1) + "," + randomJson(depth - 1) + "]";
            default -> "{\"" + randomText(3) + "\":" + randomJson(depth - 1) + ",\"id\":" + pick(IDS) + "}";
        };
    }

    private String deep(int depth) {
        return "{\"type\":\"subscribe\",\"id\":3,\"model\":\"todolist.Task\",\"action\":\"list\",\"view_kwargs\":{\"a\":"
                + "[".repeat(depth) + "]".repeat(depth) + "}}";
    }

    private String mutate(String frame) {
        StringBuilder out = new StringBuilder(frame);
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations && out.length() > 0; i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(5)) {
                case 0 -> out.setLength(at);
                case 1 -> out.setCharAt(at, (char) random.nextInt(0x3000));
                case 2 -> out.insert(at, pick(List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\u0000", "\ud800", "null")));
                case 3 -> out.deleteCharAt(at);
                default -> out.insert(at, out.substring(0, Math.min(out.length(), random.nextInt(40))));
            }
        }
        return out.toString();
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
