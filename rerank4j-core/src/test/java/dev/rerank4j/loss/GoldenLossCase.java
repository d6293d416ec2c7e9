package dev.rerank4j.loss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One loss case of the golden set ({@code golden/README.md}): the loss by name and parameters, the batch the loss
 * sees, the lookup table of logits (one row per text pair), and the expected loss and gradient per table row.
 */
final class GoldenLossCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String id;
    final JsonNode root;
    final Map<String, Object> lossSpec = new LinkedHashMap<>();
    final int numLabels;
    final Batch batch;
    final Map<String, Integer> rows = new LinkedHashMap<>();
    final List<Float> logits = new ArrayList<>();
    final List<Double> expectedGrad = new ArrayList<>();
    final double expectedLoss;
    final double abs;
    final double rel;

    @SuppressWarnings("unchecked")
    private GoldenLossCase(JsonNode root) {
        this.root = root;
        this.id = root.get("case_id").asText();
        lossSpec.put("name", root.get("loss").asText());
        lossSpec.putAll(JSON.convertValue(root.get("params"), Map.class));
        Object labels = lossSpec.remove("num_labels");
        this.numLabels = labels == null ? 1 : ((Number) labels).intValue();
        // Not hyperparameters of the computation: a progress bar, and PListMLELambdaWeight's default discount.
        lossSpec.remove("show_progress_bar");
        lossSpec.remove("rank_discount_fn");
        this.expectedLoss = root.get("expected_loss").asDouble();
        this.abs = root.get("tolerance").get("abs").asDouble();
        this.rel = root.get("tolerance").get("rel").asDouble();
        this.batch = switch (root.get("kind").asText()) {
            case "pairwise", "classification" -> columns();
            case "in_batch" -> inBatch();
            case "listwise" -> listwise();
            default -> throw new IllegalArgumentException(id + ": unknown kind " + root.get("kind"));
        };
    }

    static GoldenLossCase read(Path file) throws IOException {
        return new GoldenLossCase(JSON.readTree(file.toFile()));
    }

    float[] table() {
        float[] t = new float[logits.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = logits.get(i);
        }
        return t;
    }

    /** The model calls sentence-transformers made, as lists of {@code query|||document}. */
    List<List<String>> modelCalls() {
        List<List<String>> out = new ArrayList<>();
        root.get("model_calls").forEach(call -> out.add(texts(call)));
        return out;
    }

    /** Rows of the label-free columns: anchors and documents column by column; the logits row i by column c. */
    private Batch columns() {
        List<List<Object>> inputs = new ArrayList<>();
        root.get("texts").forEach(column -> inputs.add(new ArrayList<>(texts(column))));
        JsonNode logit = root.get("logits");
        JsonNode grad = root.get("expected_grad");
        for (int i = 0; i < inputs.get(0).size(); i++) {
            String query = (String) inputs.get(0).get(i);
            if (root.get("loss").asText().equals("MarginMSELoss")) {
                for (int c = 1; c < inputs.size(); c++) {
                    put(
                            query,
                            (String) inputs.get(c).get(i),
                            logit.get(i).get(c - 1),
                            grad.get(i).get(c - 1));
                }
            } else {
                put(query, (String) inputs.get(1).get(i), logit.get(i), grad.get(i));
            }
        }
        return new Batch(id, inputs, labels(root.get("labels")));
    }

    private Batch inBatch() {
        List<List<Object>> inputs = new ArrayList<>();
        root.get("texts").forEach(column -> inputs.add(new ArrayList<>(texts(column))));
        JsonNode grads = root.get("expected_grad_by_pair");
        root.get("logits_by_pair").properties().forEach(e -> {
            String[] pair = e.getKey().split("\\|\\|\\|", 2);
            put(pair[0], pair[1], e.getValue(), grads.get(e.getKey()));
        });
        return new Batch(id, inputs, List.of());
    }

    private Batch listwise() {
        JsonNode texts = root.get("texts");
        List<Object> queries = new ArrayList<>(texts(texts.get("queries")));
        List<Object> docs = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            List<String> d = texts(texts.get("docs").get(q));
            docs.add(d);
            for (int i = 0; i < d.size(); i++) {
                put(
                        (String) queries.get(q),
                        d.get(i),
                        root.get("logits").get(q).get(i),
                        root.get("expected_grad").get(q).get(i));
            }
        }
        return new Batch(id, List.of(queries, docs), labels(root.get("labels")));
    }

    /** One table row: a pair's logits (a number or a row of numbers) and its expected gradient. */
    private void put(String query, String doc, JsonNode logit, JsonNode grad) {
        String key = LookupPairModel.key(query, doc);
        if (rows.containsKey(key)) {
            throw new IllegalArgumentException(id + ": pair " + key + " appears twice");
        }
        rows.put(key, rows.size());
        if (logit.isArray()) {
            for (int c = 0; c < logit.size(); c++) {
                logits.add((float) logit.get(c).asDouble());
                expectedGrad.add(grad.get(c).asDouble());
            }
        } else {
            logits.add((float) logit.asDouble());
            expectedGrad.add(grad.asDouble());
        }
    }

    private static List<Object> labels(JsonNode labels) {
        List<Object> out = new ArrayList<>();
        if (labels == null || labels.isNull()) {
            return out;
        }
        for (JsonNode l : labels) {
            out.add(JSON.convertValue(l, Object.class));
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }
}
