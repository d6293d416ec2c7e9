package dev.rerank4j.train;

import java.util.Map;

/**
 * Stops training when {@code metric_for_best_model} has not improved by more than {@code early_stopping_threshold}
 * for {@code early_stopping_patience} evaluations, as transformers' EarlyStoppingCallback. The counter is saved in
 * checkpoints ({@code stateful_callbacks}).
 */
final class EarlyStoppingListener implements TrainerListener {
    @Override
    public void onLog(TrainerContext ctx, Map<String, Object> entry) {
        TrainingArguments a = ctx.args();
        Object value = entry.get(a.bestMetricKey());
        if (a.earlyStoppingPatience() == 0 || !(value instanceof Number number)) {
            return;
        }
        double v = number.doubleValue();
        TrainerState s = ctx.state();
        boolean improved = s.bestMetric().isEmpty()
                || ((a.greaterIsBetter() ? v > s.bestMetric : v < s.bestMetric)
                        && Math.abs(v - s.bestMetric) > a.earlyStoppingThreshold());
        s.earlyStoppingCounter = improved ? 0 : s.earlyStoppingCounter + 1;
        if (s.earlyStoppingCounter >= a.earlyStoppingPatience()) {
            ctx.requestStop(a.bestMetricKey() + " did not improve for " + s.earlyStoppingCounter + " evaluations");
        }
    }
}
