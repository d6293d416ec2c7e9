package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rerank4j.Activation;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In inference a Qwen3 batch over {@code Qwen3Network.INFERENCE_GROUP_TOKENS} (1,024)
 * tokens runs each decoder layer a group of
 * rows at a time (to bound memory): its scores equal those of each pair scored alone (one row, one group).
 */
class Qwen3InferenceGroupsTest {
    @TempDir
    Path tmp;

    @Test
    void aBatchRunInGroupsOfRowsScoresAsEachPairAlone() {
        Path dir = TinyModels.qwen3Reranker(tmp.resolve("qwen3"));
        List<TextPair> pairs = new ArrayList<>();
        String sentence = "the dog sat on the mat and the cat sat on the dog. ";
        for (int i = 0; i < 7; i++) {
            pairs.add(new TextPair("where is the cat " + i + "?", sentence.repeat(5 + i % 2)));
        }
        PredictOptions raw =
                PredictOptions.defaults().withActivation(Activation.IDENTITY).withProgress(ProgressMode.OFF);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            int longest = model.tokenizer().encode(pairs).stream()
                    .mapToInt(dev.rerank4j.tokenize.EncodedPair::length)
                    .max()
                    .orElseThrow();
            // 7 rows padded to the longest: more than one group of rows, and the last group is partial
            long rowsPerGroup = 1024 / longest; // Qwen3Network.INFERENCE_GROUP_TOKENS
            assertThat(rowsPerGroup).isBetween(2L, 6L);
            assertThat(7 % rowsPerGroup).isNotZero();
            float[] batched = model.predict(pairs, raw.withBatchSize(7));
            float[] alone = model.predict(pairs, raw.withBatchSize(1));
            for (int i = 0; i < pairs.size(); i++) {
                // as close as padding allows (Qwen3RerankerTest: alone vs in a padded batch)
                assertThat(batched[i]).as("pair %d", i).isCloseTo(alone[i], within(2e-5f));
            }
        }
    }
}
