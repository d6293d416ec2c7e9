package dev.rerank4j.eval;

import dev.rerank4j.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry points for pair evaluations from files (what a CLI calls): a pairs file ({@link PairDatasets#readPairs})
 * evaluated as classification or as correlation.
 */
public final class PairsEvaluation {
    private PairsEvaluation() {}

    /** A classification evaluator over a pairs file whose labels are class indices (0/1 for a reranker). */
    public static ClassificationEvaluator classification(Path pairsFile, PairsOptions options) throws IOException {
        List<LabeledPair> pairs = new ArrayList<>();
        for (PairDatasets.Numbered numbered : PairDatasets.readNumberedPairs(pairsFile)) {
            double label = numbered.pair().label();
            if (label != Math.rint(label) || label < 0) {
                throw new DataFormatException(
                        pairsFile, numbered.line(), "a class label must be an integer >= 0," + " got " + label);
            }
            pairs.add(numbered.pair());
        }
        return ClassificationEvaluator.of(pairs, options);
    }

    /** A correlation evaluator over a pairs file whose labels are gold similarity scores. */
    public static CorrelationEvaluator correlation(Path pairsFile, PairsOptions options) throws IOException {
        List<LabeledPair> pairs = PairDatasets.readPairs(pairsFile);
        if (pairs.size() < 2) {
            throw new DataFormatException(pairsFile, 0, "a correlation needs at least 2 pairs, got " + pairs.size());
        }
        return CorrelationEvaluator.of(pairs, options);
    }
}
