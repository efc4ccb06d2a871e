package ftx.engine.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses {@code --name value} options and {@code --flag} switches; every value is checked and named in errors. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final Set<String> used = new HashSet<>();
    private final List<String> positional = new java.util.ArrayList<>();

    Args(List<String> argv, Set<String> knownFlags) {
        this(argv, knownFlags, false);
    }

    /** With positional true, words that are not options are kept, in order ({@link #positional()}). */
    Args(List<String> argv, Set<String> knownFlags, boolean positional) {
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (positional && !a.startsWith("--")) {
                this.positional.add(a);
                continue;
            }
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException("unexpected argument \"" + a + "\" (options look like --name value)");
            }
            String name = a.substring(2);
            if (knownFlags.contains(name)) {
                flags.add(name);
            } else if (i + 1 < argv.size()) {
                values.put(name, argv.get(++i));
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
        }
    }

    private Args(Args base, Map<String, String> overrides) {
        values.putAll(base.values);
        values.putAll(overrides);
        flags.addAll(base.flags);
    }

    /** A copy with some options set to other values (a sweep's row); the copy tracks its own use. */
    Args with(Map<String, String> overrides) {
        return new Args(this, overrides);
    }

    /** The words that are not options, for a command that takes them. */
    List<String> positional() {
        return List.copyOf(positional);
    }

    boolean flag(String name) {
        used.add(name);
        return flags.contains(name);
    }

    String string(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        used.add(name);
        String v = values.get(name);
        if (v == null) {
            throw new UsageException("missing --" + name);
        }
        return v;
    }

    int integer(String name, int fallback) {
        long v = longValue(name, fallback);
        if (v != (int) v) {
            throw new UsageException("--" + name + " is too large: " + v);
        }
        return (int) v;
    }

    long longValue(String name, long fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got \"" + v + "\"");
        }
    }

    double number(String name, double fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got \"" + v + "\"");
        }
    }

    boolean has(String name) {
        return values.containsKey(name) || flags.contains(name);
    }

    /** Refuses options that no command read (typos). */
    void rejectUnknown() {
        for (String k : values.keySet()) {
            if (!used.contains(k)) {
                throw new UsageException("unknown option --" + k);
            }
        }
        for (String k : flags) {
            if (!used.contains(k)) {
                throw new UsageException("unknown option --" + k);
            }
        }
    }

    /** Bad command-line input: shown with the command's usage, exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
