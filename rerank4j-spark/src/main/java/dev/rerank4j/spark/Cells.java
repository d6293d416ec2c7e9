package dev.rerank4j.spark;

import org.apache.spark.sql.Row;

/** Checks on the text cells a task reads. */
final class Cells {
    private Cells() {}

    /** Why {@code row}'s column {@code index} (named {@code name}) is not a usable text, or null when it is. */
    static String problem(Row row, int index, String name) {
        if (row.isNullAt(index)) {
            return "column \"" + name + "\" is null";
        }
        Object v = row.get(index);
        if (!(v instanceof String)) {
            return "column \"" + name + "\" holds a " + v.getClass().getSimpleName() + ", not a string";
        }
        return null;
    }
}
