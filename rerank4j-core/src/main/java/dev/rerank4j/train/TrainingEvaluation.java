package dev.rerank4j.train;

import dev.rerank4j.eval.Evaluator;
import dev.rerank4j.model.CrossEncoder;
import java.util.Map;

/**
 * An evaluation run during training, like a sentence-transformers evaluator handed to the trainer: it scores the
 * model as it is now and returns metrics named without the {@code eval_} prefix, e.g. {@code {"wikiqa-dev_map":
 * 0.71}}; the trainer adds the prefix, logs them and may pick the best checkpoint by one of them.
 *
 * <p>The trainer always adds the loss on its evaluation datasets; this interface is where ranking evaluators plug
 * in.
 */
@FunctionalInterface
public interface TrainingEvaluation {
    /** The metrics of the model now; must not change the model. */
    Map<String, Double> evaluate(CrossEncoder model);

    /** An evaluator of the {@code eval} package as a training evaluation: its metrics, keyed as it names them. */
    static TrainingEvaluation of(Evaluator evaluator) {
        java.util.Objects.requireNonNull(evaluator, "evaluator");
        return model -> evaluator.evaluate(model).metrics();
    }
}
