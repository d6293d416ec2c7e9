package dev.rerank4j.loss;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.rerank4j.model.TorchRuntime;
import dev.rerank4j.testing.GoldenFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every loss case computed with sentence-transformers v6.0.0 (the committed {@code golden/losses} test
 * resources, or {@code $RERANK4J_GOLDEN_DIR/losses} or {@code $RERANK4J_GOLDEN_DIR} itself: see {@link GoldenFiles}) through the loss of the same name and parameters, with a lookup-table model
 * holding the case's logits, and checks the loss and its gradient with respect to every logit within the file's
 * tolerance, through both the trainer's path ({@link Objective#backward}, GradCache for the cached loss) and a plain
 * backward of {@link Objective#loss}. The pairs of every model call must be those sentence-transformers scored, in
 * the same order; in-batch cases must build sentence-transformers' score matrix. A failing file reports its largest
 * deviation.
 */
class GoldenLossParityTest {
    @TestFactory
    Stream<DynamicTest> everyLossCase() {
        return GoldenFiles.cases("losses").stream()
                .map(f -> DynamicTest.dynamicTest(caseName(f), () -> check(GoldenLossCase.read(f))));
    }

    private static String caseName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }

    @SuppressWarnings("try") // the scope closes what the step allocates
    private static void check(GoldenLossCase c) {
        LossConfig loss = LossConfigs.parse(c.lossSpec);
        Objective objective = loss.objective(c.numLabels);
        Deviations trainerPath = new Deviations(c);
        Deviations plainPath = new Deviations(c);
        Engine engine = TorchRuntime.shared().engine();
        try (NDManager manager = engine.newBaseManager()) {
            LookupPairModel model = new LookupPairModel(manager, c.rows, c.table(), c.numLabels);
            try (NDScope scope = new NDScope();
                    GradientCollector gc = engine.newGradientCollector()) {
                model.collector(gc);
                trainerPath.add("loss", c.expectedLoss, objective.backward(c.batch, model, 1f));
            }
            trainerPath.addGradient(model.gradient());
            List<List<String>> firstPass =
                    loss instanceof CachedMultipleNegativesRankingLoss ? model.callsWithoutGradient() : model.calls();
            assertThat(firstPass).as("%s: the pairs of each model call", c.id).isEqualTo(c.modelCalls());

            LookupPairModel again = new LookupPairModel(manager, c.rows, c.table(), c.numLabels);
            try (NDScope scope = new NDScope();
                    GradientCollector gc = engine.newGradientCollector()) {
                again.collector(gc);
                NDArray value = objective.loss(c.batch, again);
                gc.backward(value);
                plainPath.add("loss", c.expectedLoss, value.getFloat());
            }
            plainPath.addGradient(again.gradient());
        }
        if (c.root.has("score_matrix_docs")) {
            checkScoreMatrix(c, loss);
        }
        trainerPath.assertWithinTolerance("backward");
        plainPath.assertWithinTolerance("loss + backward");
    }

    /** The candidate columns equal sentence-transformers' score matrix (all cases use every in-batch negative). */
    private static void checkScoreMatrix(GoldenLossCase c, LossConfig loss) {
        OptionalInt n = loss instanceof MultipleNegativesRankingLoss m
                ? m.numNegatives()
                : ((CachedMultipleNegativesRankingLoss) loss).numNegatives();
        InBatchCandidates candidates = InBatchCandidates.of(c.batch, n.orElse(Integer.MAX_VALUE), () -> {
            throw new AssertionError(c.id + ": every in-batch negative is used, nothing is sampled");
        });
        List<List<String>> matrix = new ArrayList<>();
        for (int i = 0; i < candidates.rows(); i++) {
            List<String> row = new ArrayList<>();
            for (List<String> column : candidates.columns()) {
                row.add(column.get(i));
            }
            matrix.add(row);
        }
        List<List<String>> expected = new ArrayList<>();
        c.root.get("score_matrix_docs").forEach(r -> {
            List<String> row = new ArrayList<>();
            r.forEach(d -> row.add(d.asText()));
            expected.add(row);
        });
        assertThat(matrix).as("%s: score matrix", c.id).isEqualTo(expected);
    }

    /** Deviations from the expected values under {@code |a - e| <= abs + rel |e|}, with the largest one. */
    private static final class Deviations {
        private final GoldenLossCase c;
        private final List<String> failures = new ArrayList<>();
        private double largest = -1;
        private String largestAt = "";
        private int checked;

        Deviations(GoldenLossCase c) {
            this.c = c;
        }

        void add(String where, double expected, double actual) {
            checked++;
            double dev = Math.abs(actual - expected);
            if (!(dev <= c.abs + c.rel * Math.abs(expected))) {
                failures.add(where + ": expected " + expected + ", got " + actual);
            }
            if (!(dev <= largest)) {
                largest = dev;
                largestAt = where + " (expected " + expected + ", got " + actual + ")";
            }
        }

        void addGradient(float[] actual) {
            assertThat(actual).as("%s: gradient entries", c.id).hasSize(c.expectedGrad.size());
            List<String> keys = new ArrayList<>(c.rows.keySet());
            int perRow = actual.length / keys.size();
            for (int i = 0; i < actual.length; i++) {
                String where = "grad[" + keys.get(i / perRow) + (perRow > 1 ? "][" + i % perRow : "") + "]";
                add(where, c.expectedGrad.get(i), actual[i]);
            }
        }

        void assertWithinTolerance(String path) {
            assertThat(failures)
                    .as(
                            "%s via %s: %d of %d values outside abs %s + rel %s; largest deviation %s at %s",
                            c.id, path, failures.size(), checked, c.abs, c.rel, largest, largestAt)
                    .isEmpty();
        }
    }
}
