package dev.rerank4j.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs of a benchmark's command line. */
record Args(Map<String, String> values) {
    static Args parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            m.put(args[i], args[++i]);
        }
        return new Args(Map.copyOf(m));
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
