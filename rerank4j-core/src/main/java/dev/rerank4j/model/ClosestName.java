package dev.rerank4j.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The known name nearest to a misspelt one, for the "did you mean" of configuration errors (training arguments, loss
 * names). Internal: shared by the packages that parse configurations.
 */
public final class ClosestName {
    private ClosestName() {}

    /**
     * The candidate with the smallest case-insensitive edit distance to {@code name} (the first one on ties), if that
     * distance is at most {@code maxDistance}.
     */
    public static Optional<String> among(String name, Iterable<String> candidates, int maxDistance) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= maxDistance ? Optional.of(best) : Optional.empty();
    }

    /** The Levenshtein distance: insertions, deletions and substitutions of one character each cost 1. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
