package dev.rerank4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Plain-text tables for a terminal. A result with {@link EvaluationResult#groups() groups} becomes a matrix, one
 * row per group and one column per metric (e.g. rows {@code SciFact_R100}, {@code BEIR_R100_mean}, columns
 * {@code map}, {@code mrr@10}, {@code ndcg@10}, {@code base_map}, ...); metrics outside every group, and results
 * without groups, are listed as key/value lines. Values have 4 decimals; NaN prints as {@code nan}.
 */
public final class ResultTable {
    private ResultTable() {}

    /** The table for {@code result}, ending with a line break. */
    public static String format(EvaluationResult result) {
        StringBuilder out = new StringBuilder();
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        for (String group : result.groups()) {
            rows.put(group, new LinkedHashMap<>());
        }
        Map<String, Double> ungrouped = new LinkedHashMap<>();
        result.metrics().forEach((key, value) -> {
            String group = groupOf(key, result.groups());
            if (group == null) {
                ungrouped.put(key, value);
            } else {
                rows.get(group).put(group.isEmpty() ? key : key.substring(group.length() + 1), value);
            }
        });
        rows.values().removeIf(Map::isEmpty);
        if (!rows.isEmpty()) {
            matrix(out, rows);
        }
        if (!ungrouped.isEmpty()) {
            if (!rows.isEmpty()) {
                out.append('\n');
            }
            int width =
                    ungrouped.keySet().stream().mapToInt(String::length).max().orElse(0);
            ungrouped.forEach((key, value) -> out.append(pad(key, width))
                    .append("  ")
                    .append(number(value))
                    .append('\n'));
        }
        out.append("primary: ")
                .append(result.primaryMetric())
                .append(" = ")
                .append(number(result.primaryValue()))
                .append('\n');
        return out.toString();
    }

    private static void matrix(StringBuilder out, Map<String, Map<String, Double>> rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.values().forEach(row -> columns.addAll(row.keySet()));
        int first =
                rows.keySet().stream().mapToInt(g -> label(g).length()).max().orElse(0);
        List<Integer> widths = new ArrayList<>();
        for (String column : columns) {
            widths.add(Math.max(column.length(), 6));
        }
        out.append(pad("", first));
        int c = 0;
        for (String column : columns) {
            out.append("  ").append(padLeft(column, widths.get(c++)));
        }
        out.append('\n');
        rows.forEach((group, row) -> {
            out.append(pad(label(group), first));
            int i = 0;
            for (String column : columns) {
                Double value = row.get(column);
                out.append("  ").append(padLeft(value == null ? "-" : number(value), widths.get(i++)));
            }
            out.append('\n');
        });
    }

    private static String groupOf(String key, List<String> groups) {
        String best = null;
        for (String group : groups) {
            boolean matches = group.isEmpty() || key.startsWith(group + "_");
            if (matches && (best == null || group.length() > best.length())) {
                best = group;
            }
        }
        return best;
    }

    private static String label(String group) {
        return group.isEmpty() ? "(all)" : group;
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "nan" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }
}
