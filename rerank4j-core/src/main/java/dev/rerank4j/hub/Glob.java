package dev.rerank4j.hub;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A shell pattern with the semantics of Python's {@code fnmatch.fnmatchcase}, which huggingface_hub's
 * {@code allow_patterns} use: {@code *} matches any run of characters including {@code /} (so {@code *.json} also
 * matches {@code 1_Pooling/config.json}), {@code ?} one character, {@code [abc]}/{@code [!abc]} one of a set;
 * case-sensitive. A pattern ending in {@code /} matches everything below that folder, as in huggingface_hub.
 */
record Glob(String pattern, Pattern regex) implements Predicate<String> {
    Glob {
        Objects.requireNonNull(pattern, "pattern must not be null");
        Objects.requireNonNull(regex, "regex must not be null");
    }

    static Glob of(String pattern) {
        Objects.requireNonNull(pattern, "allow pattern must not be null");
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("allow pattern must not be blank, got '" + pattern + "'");
        }
        String full = pattern.endsWith("/") ? pattern + "*" : pattern;
        return new Glob(pattern, Pattern.compile(translate(full), Pattern.DOTALL));
    }

    @Override
    public boolean test(String path) {
        return regex.matcher(path).matches();
    }

    private static String translate(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[') {
                int end = classEnd(glob, i);
                if (end < 0) {
                    regex.append("\\[");
                } else {
                    regex.append(characterClass(glob.substring(i, end)));
                    i = end + 1;
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /** Index of the {@code ]} closing a class whose body starts at {@code start}, or -1 (then '[' is literal). */
    private static int classEnd(String glob, int start) {
        int j = start;
        if (j < glob.length() && glob.charAt(j) == '!') {
            j++;
        }
        if (j < glob.length() && glob.charAt(j) == ']') {
            j++;
        }
        return glob.indexOf(']', j);
    }

    private static String characterClass(String body) {
        StringBuilder out = new StringBuilder("[");
        int k = 0;
        if (body.startsWith("!")) {
            out.append('^');
            k = 1;
        }
        for (; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c == '\\' || c == '[' || c == ']' || c == '&' || c == '^') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append(']').toString();
    }
}
