package dev.rerank4j.recipe;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.testing.TinyEmbeddings;
import dev.rerank4j.testing.TinyModels;
import dev.rerank4j.testing.TinyTokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A recipe on tiny generated data: 48 questions in 8 groups, each answered by a sentence that repeats its words,
 * a tiny random static embedding model (miner) and a tiny BERT base model (reranker).
 */
public final class TinyRecipe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyRecipe() {}

    /** The question–answer rows, distinct questions and answers, group {@code g0..g7}. */
    public static List<QaRow> rows() {
        SplittableRandom r = new SplittableRandom(5);
        List<String> words = TinyTokenizers.WORDS;
        Set<String> questions = new LinkedHashSet<>();
        List<QaRow> rows = new ArrayList<>();
        while (rows.size() < 48) {
            String q = "what " + words.get(r.nextInt(words.size())) + " " + words.get(r.nextInt(words.size())) + " "
                    + words.get(r.nextInt(words.size()));
            if (!questions.add(q)) {
                continue;
            }
            String a = q.substring(5) + " is " + words.get(r.nextInt(words.size())) + " "
                    + words.get(r.nextInt(words.size())) + " " + rows.size();
            rows.add(new QaRow(q, a, "g" + (rows.size() % 8)));
        }
        return rows;
    }

    /** Writes the rows as JSON lines with columns {@code question}, {@code answer}, {@code topic}. */
    public static Path data(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (QaRow row : rows()) {
            lines.add(JSON.writeValueAsString(
                    Map.of("question", row.question(), "answer", row.answer(), "topic", row.group())));
        }
        Files.createDirectories(dir);
        return Files.write(dir.resolve("qa.jsonl"), lines);
    }

    /** Writes the data, the two models and a recipe into {@code dir}; {@code extra} is appended to the YAML. */
    public static Path config(Path dir, String extra) throws IOException {
        Path data = data(dir);
        Path miner = dir.resolve("miner");
        if (!Files.isDirectory(miner)) {
            TinyEmbeddings.randomStaticModel(miner, 16, 3, true);
        }
        Path reranker = dir.resolve("reranker");
        if (!Files.isDirectory(reranker)) {
            TinyModels.write(reranker, Architecture.BERT, TinyModels.Checkpoint.BASE_MODEL, 1, 3);
        }
        return Files.writeString(
                dir.resolve("recipe.yaml"), """
                output_dir: %s
                data:
                  path: %s
                  group: topic
                split: {eval_size: 10, seed: 7}
                mine:
                  model: %s
                  batch_size: 16
                  train: {num_negatives: 2, range_max: 10}
                  eval: {top_k: 8}
                train:
                  model: %s
                  max_steps: 4
                  per_device_train_batch_size: 8
                  learning_rate: 1.0e-3
                  eval_strategy: steps
                  eval_steps: 2
                  save_steps: 2
                  logging_steps: 1
                  disable_tqdm: true
                evaluate:
                  name: tiny-dev
                  examples: 3
                """.formatted(dir.resolve("run"), data, miner, reranker) + extra);
    }
}
