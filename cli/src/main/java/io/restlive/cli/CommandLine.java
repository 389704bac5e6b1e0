package io.restlive.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed subcommand line: {@code --name value} (or {@code --name=value}) options, {@code --flag}s and
 * positional arguments. Options not declared by the subcommand are errors, so a typo never goes unnoticed.
 */
final class CommandLine {

    private final Map<String, String> options;
    private final Set<String> flags;
    private final List<String> positionals;

    private CommandLine(Map<String, String> options, Set<String> flags, List<String> positionals) {
        this.options = options;
        this.flags = flags;
        this.positionals = positionals;
    }

    /**
     * Parses {@code args}.
     *
     * @param valueOptions the options that take a value, e.g. {@code --edges}
     * @param flagOptions the options without a value, e.g. {@code --app}
     * @throws UsageException for an unknown option, a missing value or a repeated option
     */
    static CommandLine parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) throws UsageException {
        Map<String, String> options = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positionals.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (flagOptions.contains(name) && equals < 0) {
                flags.add(name);
            } else if (valueOptions.contains(name)) {
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("missing value after " + name);
                }
                if (options.put(name, value) != null) {
                    throw new UsageException(name + " is given twice");
                }
            } else {
                throw new UsageException("unknown option " + arg);
            }
        }
        return new CommandLine(options, flags, positionals);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** An integer option, at least {@code min}, or {@code fallback} when absent. */
    int intOption(String name, int fallback, int min) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, not '" + value + "'");
        }
        if (parsed < min) {
            throw new UsageException(name + " must be at least " + min + ", not " + parsed);
        }
        return parsed;
    }

    /** A port option (1 to 65535), or {@code fallback} when absent. */
    int portOption(String name, int fallback) throws UsageException {
        int port = intOption(name, fallback, 1);
        if (port > 65535) {
            throw new UsageException(name + " must be a port between 1 and 65535, not " + port);
        }
        return port;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positionals() {
        return List.copyOf(positionals);
    }
}
