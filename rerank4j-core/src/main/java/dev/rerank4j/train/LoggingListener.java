package dev.rerank4j.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logs the training loss (mean over the steps since the last log, rounded to 4 digits as transformers does), the
 * gradient norm of the last step and the learning rate of the next, at {@code logging_steps}, at the end of each
 * epoch with {@code logging_strategy: epoch}, and after the first step with {@code logging_first_step}.
 */
final class LoggingListener implements TrainerListener {
    @Override
    public void onStepEnd(TrainerContext ctx) {
        TrainerState s = ctx.state();
        TrainingArguments a = ctx.args();
        boolean due = (a.loggingFirstStep() && s.globalStep == 1)
                || (a.loggingStrategy() == IntervalStrategy.STEPS && s.globalStep % s.loggingSteps == 0)
                || (a.loggingStrategy() == IntervalStrategy.EPOCH && ctx.epochEnded());
        if (!due || s.stepsSinceLog == 0) {
            return;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("loss", TrainingRun.round(s.lossSinceLog / s.stepsSinceLog, 4));
        entry.put("grad_norm", s.lastGradNorm);
        entry.put("learning_rate", s.lastLearningRate);
        s.lossSinceLog = 0;
        s.stepsSinceLog = 0;
        ctx.log(entry);
    }
}
