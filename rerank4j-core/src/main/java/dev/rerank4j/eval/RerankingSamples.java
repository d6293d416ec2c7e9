package dev.rerank4j.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.data.JsonLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads reranking samples from JSONL. */
public final class RerankingSamples {

    /**
     * A sample and its id.
     *
     * @param id the {@code id} field, or the sample's 0-based position among the samples
     * @param sample the sample
     */
    public record Identified(String id, RerankingSample sample) {}

    private RerankingSamples() {}

    /**
     * Reads one sample per non-blank line, in sentence-transformers' sample layout:
     *
     * <pre>{@code
     * {"query": "...", "positive": ["...", ...], "negative": ["...", ...]}
     * {"query": "...", "positive": "...", "documents": ["first-stage top 1", "top 2", ...]}
     * }</pre>
     *
     * {@code positive} is a string or a list of strings (possibly empty); exactly one of {@code negative} and
     * {@code documents} must be present. Optional: {@code "id"} (a string, unique) and {@code "grades"}: integers
     * {@code >= 1} parallel to {@code positive}, for graded relevance.
     *
     * @throws DataFormatException naming file and line for a bad JSON line or a missing/mistyped field
     */
    public static List<Identified> readJsonl(Path file) throws IOException {
        List<Identified> samples = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonLines.forEachObject(file, (node, number) -> {
            String id = node.has("id") ? text(file, number, node, "id") : Integer.toString(samples.size());
            if (!ids.add(id)) {
                throw new DataFormatException(file, number, "duplicate id \"" + id + "\"");
            }
            samples.add(new Identified(id, sample(file, number, node)));
        });
        if (samples.isEmpty()) {
            throw new DataFormatException(file, 0, "no samples");
        }
        return samples;
    }

    private static RerankingSample sample(Path file, long number, JsonNode node) throws DataFormatException {
        String query = text(file, number, node, "query");
        if (!node.has("positive")) {
            throw new DataFormatException(file, number, "missing field \"positive\" (fields: " + fields(node) + ")");
        }
        List<String> positives = node.get("positive").isTextual()
                ? List.of(node.get("positive").asText())
                : texts(file, number, node, "positive");
        List<RerankingSample.Relevant> relevant = new ArrayList<>();
        if (node.has("grades")) {
            JsonNode grades = node.get("grades");
            if (!grades.isArray() || grades.size() != positives.size()) {
                throw new DataFormatException(
                        file,
                        number,
                        "\"grades\" must be a list of " + positives.size() + " integers (one per positive), got "
                                + grades);
            }
            for (int i = 0; i < positives.size(); i++) {
                JsonNode grade = grades.get(i);
                if (!grade.canConvertToExactIntegral() || grade.asInt() < 1) {
                    throw new DataFormatException(
                            file, number, "grades[" + i + "] must be an integer >= 1, got " + grade);
                }
                relevant.add(new RerankingSample.Relevant(positives.get(i), grade.asInt()));
            }
        } else {
            positives.forEach(p -> relevant.add(new RerankingSample.Relevant(p, 1)));
        }
        boolean negatives = node.has("negative");
        boolean documents = node.has("documents");
        if (negatives == documents) {
            throw new DataFormatException(
                    file,
                    number,
                    "exactly one of \"negative\" and \"documents\" is required" + " (fields: " + fields(node) + ")");
        }
        if (negatives) {
            return new RerankingSample.WithNegatives(query, relevant, texts(file, number, node, "negative"));
        }
        List<String> docs = texts(file, number, node, "documents");
        if (docs.isEmpty()) {
            throw new DataFormatException(file, number, "\"documents\" must not be empty");
        }
        return new RerankingSample.WithDocuments(query, relevant, docs);
    }

    private static String text(Path file, long number, JsonNode node, String field) throws DataFormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new DataFormatException(
                    file, number, "missing field \"" + field + "\" (fields: " + fields(node) + ")");
        }
        if (!value.isTextual()) {
            throw new DataFormatException(
                    file, number, "field \"" + field + "\" must be a string, got " + value.getNodeType());
        }
        return value.asText();
    }

    private static List<String> texts(Path file, long number, JsonNode node, String field) throws DataFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new DataFormatException(
                    file,
                    number,
                    "field \"" + field + "\" must be a list of strings, got "
                            + (value == null ? "nothing" : value.getNodeType()));
        }
        List<String> out = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new DataFormatException(
                        file,
                        number,
                        field + "[" + i + "] must be a string, got "
                                + value.get(i).getNodeType());
            }
            out.add(value.get(i).asText());
        }
        return out;
    }

    private static String fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }
}
