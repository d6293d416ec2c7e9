package dev.rerank4j.recipe;

import java.util.List;
import java.util.Objects;

/**
 * The {@code data:} section: where the question–answer pairs come from and which columns hold them.
 *
 * @param path {@code bundled:squad2-dev-half}, a SQuAD JSON file ({@code data[].paragraphs[].qas[]}), a pairs file
 *     the dataset readers read (.jsonl, .json, .csv, .tsv, .parquet, .gz), or a hub dataset id {@code org/name}
 * @param question the question column
 * @param answer the answer column
 * @param group the group column (e.g. {@code title}); empty = each question is its own group
 * @param columnNames column names of a headerless .tsv/.csv; empty = the file's header
 * @param config the hub dataset's config; empty = default
 * @param split the hub dataset's split
 * @param revision the hub dataset's revision
 * @param limit keep the first {@code limit} rows; 0 = all
 * @param licence the data's licence and attribution for the report; empty = unknown (the bundled set has its own)
 */
public record DataSpec(
        String path,
        String question,
        String answer,
        String group,
        List<String> columnNames,
        String config,
        String split,
        String revision,
        int limit,
        String licence) {
    /** The bundled SQuAD 2.0 half-dev set. */
    public static final String BUNDLED = "bundled:squad2-dev-half";

    public DataSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(licence, "licence");
        columnNames = List.copyOf(columnNames);
        if (limit < 0) {
            throw new IllegalArgumentException("data.limit must be >= 0, got " + limit);
        }
        if (question.isEmpty() || answer.isEmpty() || question.equals(answer)) {
            throw new IllegalArgumentException("data.question and data.answer must name two different columns, got \""
                    + question + "\" and \"" + answer + "\"");
        }
    }

    /** Whether the data is the bundled set. */
    public boolean bundled() {
        return path.equals(BUNDLED);
    }
}
