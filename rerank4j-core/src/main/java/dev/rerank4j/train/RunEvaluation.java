package dev.rerank4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An evaluation of a {@link TrainingRun}: the loss on the evaluation datasets (each, and weighted over all), the
 * evaluations given to the trainer, then the best metric so far (transformers' {@code metric_for_best_model}).
 */
final class RunEvaluation {
    private final TrainingRun run;

    RunEvaluation(TrainingRun run) {
        this.run = run;
    }

    /** Runs an evaluation, logs its metrics and updates the best metric. */
    Map<String, Double> evaluate() {
        long start = System.nanoTime();
        Map<String, Double> metrics = new LinkedHashMap<>();
        long rows = 0;
        long batches = 0;
        double weighted = 0;
        for (PreparedDataset d : run.eval) {
            double sum = 0;
            int n = d.size();
            int size = run.args.perDeviceEvalBatchSize();
            for (int from = 0; from < n; from += size) {
                run.stopSignal.throwIfStopped();
                int[] idx = java.util.stream.IntStream.range(from, Math.min(n, from + size))
                        .toArray();
                try (NDManager m = run.root.newSubManager();
                        NDScope scope = new NDScope()) {
                    TrainingModel model = new TrainingModel(run.network, run.params, run.tokenizer, m, null);
                    sum += d.objective().loss(d.batch(idx), model).getFloat() * idx.length;
                }
                batches++;
            }
            rows += n;
            weighted += sum;
            if (run.eval.size() > 1) {
                metrics.put("eval_" + d.name() + "_loss", sum / n);
            }
        }
        if (!run.eval.isEmpty()) {
            metrics.put("eval_loss", weighted / rows);
            double seconds = (System.nanoTime() - start) / 1e9;
            metrics.put("eval_runtime", TrainingRun.round(seconds, 4));
            metrics.put("eval_samples_per_second", TrainingRun.round(rows / seconds, 3));
            metrics.put("eval_steps_per_second", TrainingRun.round(batches / seconds, 3));
        }
        for (TrainingEvaluation e : run.evaluations) {
            run.stopSignal.throwIfStopped();
            e.evaluate(run.model).forEach((k, v) -> metrics.put(k.startsWith("eval_") ? k : "eval_" + k, v));
        }
        run.log(new LinkedHashMap<>(metrics));
        updateBest(metrics);
        return metrics;
    }

    /** Updates the best metric (after the listeners saw the evaluation, as transformers does). */
    private void updateBest(Map<String, Double> metrics) {
        String key = run.args.bestMetricKey();
        if (key.isEmpty()) {
            return;
        }
        Double value = metrics.get(key);
        if (value == null) {
            throw new IllegalArgumentException("metric_for_best_model \"" + run.args.metricForBestModel()
                    + "\" is not among the evaluation metrics " + metrics.keySet());
        }
        TrainerState s = run.state;
        if (s.globalStep == 0) {
            return; // the baseline before training is reported, not a candidate (as transformers' eval_on_start)
        }
        boolean better =
                s.bestMetric().isEmpty() || (run.args.greaterIsBetter() ? value > s.bestMetric : value < s.bestMetric);
        if (better) {
            s.bestMetric = value;
            s.bestGlobalStep = s.globalStep;
        }
    }
}
