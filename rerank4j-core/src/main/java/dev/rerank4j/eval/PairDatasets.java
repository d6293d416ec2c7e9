package dev.rerank4j.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.data.JsonLines;
import dev.rerank4j.data.TextFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Readers for labeled pairs: generic pairs files, STS Benchmark and SICK. */
public final class PairDatasets {
    /** The label order of sentence-transformers' NLI cross-encoders: contradiction 0, entailment 1, neutral 2. */
    public static final List<String> NLI_LABELS = List.of("CONTRADICTION", "ENTAILMENT", "NEUTRAL");

    /** The subsets of SICK ({@code SemEval_set} column). */
    public enum SickSplit {
        TRAIN,
        TRIAL,
        TEST,
        ALL
    }

    private PairDatasets() {}

    /**
     * A pairs file: {@code .jsonl[.gz]} with one object per line, or {@code .tsv[.gz]} with a header row. The
     * columns are {@code query} and {@code document} (texts) and {@code label} or {@code score} (a number; the
     * first of the two that is present, as sentence-transformers' collator picks it).
     */
    public static List<LabeledPair> readPairs(Path file) throws IOException {
        List<LabeledPair> pairs = new ArrayList<>();
        readNumberedPairs(file).forEach(n -> pairs.add(n.pair()));
        return pairs;
    }

    /** A pair and the line it was read from. */
    record Numbered(LabeledPair pair, long line) {}

    static List<Numbered> readNumberedPairs(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        List<Numbered> pairs;
        if (name.endsWith(".jsonl")) {
            pairs = readJsonl(file);
        } else if (name.endsWith(".tsv")) {
            pairs = readTsv(file);
        } else {
            throw new DataFormatException(file, 0, "unknown pairs format: expected .jsonl, .tsv (optionally .gz)");
        }
        if (pairs.isEmpty()) {
            throw new DataFormatException(file, 0, "no pairs");
        }
        return pairs;
    }

    /**
     * An STS Benchmark file ({@code sts-train.csv}, {@code sts-dev.csv}, {@code sts-test.csv}): tab-separated, no
     * header, no quoting, {@code genre file year id score sentence1 sentence2} (trailing extra columns ignored);
     * the label is the 0-5 score.
     */
    public static List<LabeledPair> readStsb(Path file) throws IOException {
        List<LabeledPair> pairs = new ArrayList<>();
        TextFiles.forEachLine(file, (line, number) -> {
            if (line.isBlank()) {
                return;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length < 7) {
                throw new DataFormatException(
                        file,
                        number,
                        "expected at least 7 tab-separated fields (genre file"
                                + " year id score sentence1 sentence2), got " + fields.length);
            }
            pairs.add(new LabeledPair(fields[5], fields[6], number(file, number, "score", fields[4])));
        });
        return pairs;
    }

    /** SICK ({@code SICK.txt}) with the 1-5 relatedness score as label. */
    public static List<LabeledPair> readSickRelatedness(Path file, SickSplit split) throws IOException {
        return readSick(file, split, null);
    }

    /**
     * SICK with the entailment label as class index in {@code labelOrder} (e.g. {@link #NLI_LABELS}), for 3-class
     * classification.
     */
    public static List<LabeledPair> readSickEntailment(Path file, SickSplit split, List<String> labelOrder)
            throws IOException {
        return readSick(file, split, List.copyOf(labelOrder));
    }

    private static List<LabeledPair> readSick(Path file, SickSplit split, List<String> labelOrder) throws IOException {
        List<LabeledPair> pairs = new ArrayList<>();
        int[][] columns = new int[1][];
        TextFiles.forEachLine(file, (line, number) -> {
            String[] fields = line.split("\t", -1);
            if (number == 1) {
                columns[0] = columns(
                        file,
                        fields,
                        "sentence_A",
                        "sentence_B",
                        "entailment_label",
                        "relatedness_score",
                        "SemEval_set");
                return;
            }
            if (line.isBlank()) {
                return;
            }
            int[] c = columns[0];
            if (fields.length <= Arrays.stream(c).max().orElseThrow()) {
                throw new DataFormatException(
                        file,
                        number,
                        "expected " + (Arrays.stream(c).max().orElseThrow() + 1) + " tab-separated fields, got "
                                + fields.length);
            }
            if (split != SickSplit.ALL && !fields[c[4]].strip().equalsIgnoreCase(split.name())) {
                return;
            }
            double label;
            if (labelOrder == null) {
                label = number(file, number, "relatedness_score", fields[c[3]]);
            } else {
                label = labelOrder.indexOf(fields[c[2]].strip());
                if (label < 0) {
                    throw new DataFormatException(
                            file,
                            number,
                            "unknown entailment_label \"" + fields[c[2]] + "\"; expected one of " + labelOrder);
                }
            }
            pairs.add(new LabeledPair(fields[c[0]], fields[c[1]], label));
        });
        if (pairs.isEmpty()) {
            throw new DataFormatException(file, 0, "no pairs in split " + split);
        }
        return pairs;
    }

    private static List<Numbered> readJsonl(Path file) throws IOException {
        List<Numbered> pairs = new ArrayList<>();
        JsonLines.forEachObject(file, (node, number) -> {
            String labelField = node.has("label") ? "label" : "score";
            JsonNode label = node.get(labelField);
            if (label == null || !label.isNumber()) {
                throw new DataFormatException(
                        file,
                        number,
                        label == null
                                ? "missing field \"label\" or \"score\""
                                : "field \"" + labelField + "\" must be a number, got " + label);
            }
            LabeledPair pair = new LabeledPair(
                    text(file, number, node, "query"), text(file, number, node, "document"), label.asDouble());
            pairs.add(new Numbered(pair, number));
        });
        return pairs;
    }

    private static List<Numbered> readTsv(Path file) throws IOException {
        List<Numbered> pairs = new ArrayList<>();
        int[][] columns = new int[1][];
        int[] width = new int[1];
        TextFiles.forEachLine(file, (line, number) -> {
            String[] fields = line.split("\t", -1);
            if (number == 1) {
                List<String> names = Arrays.asList(fields);
                String label = names.contains("label") ? "label" : "score";
                columns[0] = columns(file, fields, "query", "document", label);
                width[0] = fields.length;
                return;
            }
            if (line.isBlank()) {
                return;
            }
            if (fields.length != width[0]) {
                throw new DataFormatException(
                        file,
                        number,
                        "expected " + width[0] + " tab-separated fields as in the header, got " + fields.length);
            }
            int[] c = columns[0];
            LabeledPair pair = new LabeledPair(fields[c[0]], fields[c[1]], number(file, number, "label", fields[c[2]]));
            pairs.add(new Numbered(pair, number));
        });
        return pairs;
    }

    private static int[] columns(Path file, String[] header, String... names) throws DataFormatException {
        List<String> found = Arrays.asList(header);
        int[] out = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = found.indexOf(names[i]);
            if (out[i] < 0) {
                throw new DataFormatException(
                        file,
                        1,
                        "header lacks column \"" + names[i] + "\" (columns: " + String.join(", ", found) + ")");
            }
        }
        return out;
    }

    private static String text(Path file, long number, JsonNode node, String field) throws DataFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new DataFormatException(
                    file,
                    number,
                    value == null
                            ? "missing field \"" + field + "\""
                            : "field \"" + field + "\" must be a string, got " + value.getNodeType());
        }
        return value.asText();
    }

    private static double number(Path file, long number, String field, String text) throws DataFormatException {
        try {
            double value = Double.parseDouble(text.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, number, field + " must be a number, got \"" + text + "\"", e);
        }
        throw new DataFormatException(file, number, field + " must be finite, got \"" + text + "\"");
    }
}
