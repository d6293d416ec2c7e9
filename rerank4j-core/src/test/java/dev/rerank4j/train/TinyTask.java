package dev.rerank4j.train;

import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small learnable task for a tiny model: a document is relevant (label 1) when it mentions what the query asks
 * about (a city or an animal), irrelevant otherwise.
 */
final class TinyTask {
    private static final List<String> TOPICS = List.of("berlin", "paris", "cat", "dog", "france", "germany");

    private TinyTask() {}

    /** {@code n} labelled (query, document, label) rows, half relevant, from a seed. */
    static Dataset rows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String topic = TOPICS.get(r.nextInt(TOPICS.size()));
            String other = TOPICS.get((TOPICS.indexOf(topic) + 1 + r.nextInt(TOPICS.size() - 1)) % TOPICS.size());
            boolean relevant = i % 2 == 0;
            String query = "what is " + topic;
            String doc = (relevant ? topic + " is good" : other + " is bad") + " and the "
                    + (r.nextBoolean() ? "cat" : "mat");
            rows.add(List.of(query, doc, relevant ? 1L : 0L));
        }
        return Dataset.fromRows("tiny", List.of("query", "document", "label"), rows);
    }

    /** A tiny BERT reranker with a fresh head, loaded from a generated directory. */
    static CrossEncoder model(Path dir) {
        TinyModels.write(dir, Architecture.BERT, TinyModels.Checkpoint.BASE_MODEL, 1, 3);
        return CrossEncoder.load(dir, CrossEncoderOptions.defaults().withSeed(5));
    }

    /** Arguments for fast tests: no progress bar, small batches, a high learning rate. */
    static TrainingArguments args(Path out, Map<String, ?> more) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("output_dir", out.toString());
        m.put("per_device_train_batch_size", 8);
        m.put("per_device_eval_batch_size", 16);
        m.put("learning_rate", 3e-3);
        m.put("num_train_epochs", 2);
        m.put("save_strategy", "no");
        m.put("logging_steps", 4);
        m.put("disable_tqdm", true);
        m.putAll(more);
        return TrainingArguments.of(m);
    }
}
