package dev.rerank4j.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.data.Row;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.Versions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code README.md} of a trained model, in the spirit of sentence-transformers' generated cards: base model,
 * datasets with sizes and sample rows, each loss with its configuration, the non-default hyperparameters, the training
 * log, the latest evaluation, provenance (seed, data fingerprints) and framework versions.
 */
final class ModelCardText {
    private ModelCardText() {}

    static String render(TrainingRun run) {
        return render(run, null);
    }

    /**
     * The card of a model saved at the end of a run.
     *
     * @param bestStep the step whose weights the model holds when it is the best checkpoint (its evaluation results are
     *     reported), or null for the model at the last step
     */
    static String render(TrainingRun run, Long bestStep) {
        CrossEncoder m = run.model;
        String base = m.source();
        boolean hubId = base.matches("[\\w.-]+/[\\w.-]+") && !base.startsWith(".");
        StringBuilder md = new StringBuilder();
        md.append("---\nlibrary_name: sentence-transformers\n");
        md.append("pipeline_tag: ")
                .append(m.numLabels() == 1 ? "text-ranking" : "text-classification")
                .append('\n');
        md.append(
                "tags:\n- sentence-transformers\n- cross-encoder\n- reranker\n- rerank4j\n- generated_from_trainer\n");
        int size = run.train.stream().mapToInt(PreparedDataset::size).sum();
        md.append("- dataset_size:").append(size).append('\n');
        new LinkedHashSet<>(
                        run.train.stream().map(d -> d.source().loss().name()).toList())
                .forEach(l -> md.append("- loss:").append(l).append('\n'));
        if (hubId) {
            md.append("base_model: ").append(base).append('\n');
        }
        md.append("---\n\n# CrossEncoder based on ").append(base).append("\n\n");
        md.append(
                        "This is a [Cross Encoder](https://www.sbert.net/docs/cross_encoder/usage/usage.html) model finetuned")
                .append(" from ")
                .append(base)
                .append(" with rerank4j's CrossEncoderTrainer. It computes a score for a pair of texts, for")
                .append(" text reranking and semantic search.\n\n");
        md.append("## Model Details\n\n- **Model Type:** Cross Encoder\n- **Base model:** ")
                .append(base);
        md.append("\n- **Architecture:** ").append(m.architecture().classificationClass());
        md.append("\n- **Maximum Sequence Length:** ").append(m.maxLength()).append(" tokens");
        md.append("\n- **Number of Output Labels:** ").append(m.numLabels());
        md.append("\n- **Activation:** `").append(m.activation().torchName()).append("`\n\n");
        md.append(
                "## Usage\n\n```java\ntry (CrossEncoder model = CrossEncoder.load(Path.of(\"path/to/this/model\"))) {\n");
        md.append("    float[] scores = model.predict(List.of(new TextPair(\"query\", \"document\")));\n}\n```\n\n");
        md.append(
                "```python\nfrom sentence_transformers import CrossEncoder\n\nmodel = CrossEncoder(\"path/to/this/model\")\n");
        md.append("scores = model.predict([(\"query\", \"document\")])\n```\n\n");
        md.append("## Training Details\n\n### Training Datasets\n\n");
        run.train.forEach(d -> dataset(md, d, "training"));
        if (!run.eval.isEmpty()) {
            md.append("### Evaluation Datasets\n\n");
            run.eval.forEach(d -> dataset(md, d, "evaluation"));
        }
        md.append("### Training Hyperparameters\n\n#### Non-Default Hyperparameters\n\n");
        run.args
                .nonDefault()
                .forEach((k, v) ->
                        md.append("- `").append(k).append("`: ").append(v).append('\n'));
        logs(md, run.state.logHistory(), bestStep, run.args.metricForBestModel());
        md.append("\n### Provenance\n\n- Seed: ").append(run.args.seed()).append('\n');
        for (PreparedDataset d : run.train) {
            md.append("- `")
                    .append(d.name())
                    .append("` fingerprint: ")
                    .append(d.source().dataset().fingerprint());
            md.append('\n');
        }
        md.append("\n### Framework Versions\n\n- rerank4j: ").append(Versions.rerank4j());
        md.append("\n- DJL: ")
                .append(Versions.djl())
                .append("\n- PyTorch (libtorch): ")
                .append(Versions.libtorch());
        md.append("\n- Java: ").append(System.getProperty("java.version")).append('\n');
        return md.toString();
    }

    private static void dataset(StringBuilder md, PreparedDataset d, String kind) {
        Dataset data = d.source().dataset();
        md.append("#### ").append(d.name()).append("\n\n* Dataset: ").append(data.name());
        md.append("\n* Size: ").append(data.size()).append(' ').append(kind).append(" samples");
        md.append("\n* Columns: ");
        md.append(String.join(
                ", ", data.columns().stream().map(c -> "<code>" + c + "</code>").toList()));
        md.append("\n* Samples:\n\n| ")
                .append(String.join(" | ", data.columns()))
                .append(" |\n|");
        md.append("---|".repeat(data.columns().size())).append('\n');
        for (Row r : data.rows().subList(0, Math.min(3, data.size()))) {
            md.append("| ");
            List<String> cells = new ArrayList<>();
            for (String c : data.columns()) {
                cells.add(cell(r.get(c).orElse("")));
            }
            md.append(String.join(" | ", cells)).append(" |\n");
        }
        md.append('\n');
        md.append("* Loss: `").append(d.source().loss().name()).append("` with these parameters:\n  ```json\n  ");
        try {
            md.append(TrainerState.JSON
                    .writeValueAsString(d.source().loss().configDict())
                    .replace("\n", "\n  "));
        } catch (JsonProcessingException e) {
            md.append(d.source().loss().configDict());
        }
        md.append("\n  ```\n\n");
    }

    private static String cell(Object v) {
        String s = String.valueOf(v).replace("|", "\\|").replace("\n", " ");
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    private static void logs(StringBuilder md, List<Map<String, Object>> history, Long bestStep, String bestMetric) {
        Set<String> evalKeys = new LinkedHashSet<>();
        Map<Long, Map<String, Object>> byStep = new LinkedHashMap<>();
        for (Map<String, Object> e : history) {
            if (e.containsKey("train_runtime")) {
                continue;
            }
            long step = ((Number) e.get("step")).longValue();
            byStep.computeIfAbsent(step, k -> new LinkedHashMap<>()).putAll(e);
            e.keySet().stream().filter(TrainingResult::isEvaluationMetric).forEach(evalKeys::add);
        }
        if (byStep.isEmpty()) {
            return;
        }
        md.append("\n### Training Logs\n\n| Epoch | Step | Training Loss |");
        evalKeys.forEach(k -> md.append(' ').append(k).append(" |"));
        md.append("\n|---|---|---|").append("---|".repeat(evalKeys.size())).append('\n');
        Map<String, Object> last = Map.of();
        for (Map<String, Object> row : byStep.values()) {
            md.append("| ").append(String.format(Locale.ROOT, "%.4f", ((Number) row.get("epoch")).doubleValue()));
            md.append(" | ")
                    .append(row.get("step"))
                    .append(" | ")
                    .append(number(row.get("loss")))
                    .append(" |");
            evalKeys.forEach(k -> md.append(' ').append(number(row.get(k))).append(" |"));
            md.append('\n');
            boolean evaluated = evalKeys.stream().anyMatch(row::containsKey);
            if (evaluated && (bestStep == null || bestStep.equals(((Number) row.get("step")).longValue()))) {
                last = row;
            }
        }
        if (!last.isEmpty()) {
            md.append("\n### Evaluation Results (step ")
                    .append(last.get("step"))
                    .append(
                            bestStep == null
                                    ? ")\n\n"
                                    : ", the best checkpoint by " + (bestMetric.isEmpty() ? "eval_loss" : bestMetric)
                                            + ")\n\n");
            for (String k : evalKeys) {
                if (last.containsKey(k)) {
                    md.append("- `")
                            .append(k)
                            .append("`: ")
                            .append(number(last.get(k)))
                            .append('\n');
                }
            }
        }
    }

    /** A value as Python prints it: {@code 2e-05}, {@code 1.0}, {@code True}. */
    static String plain(Object v) {
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d && d != 0 && (Math.abs(d) < 1e-4 || Math.abs(d) >= 1e16)) {
            String[] parts = String.format(Locale.ROOT, "%.15e", d).split("e");
            String mantissa = parts[0].replaceAll("0+$", "").replaceAll("\\.$", "");
            int exponent = Integer.parseInt(parts[1]);
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return String.valueOf(v);
    }

    private static String number(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "-";
    }
}
