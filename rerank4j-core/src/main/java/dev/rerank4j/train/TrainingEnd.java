package dev.rerank4j.train;

import dev.rerank4j.model.TrainingAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The end of a {@link TrainingRun}: the summary log entry, the final model under {@code final/}, and with
 * {@code load_best_model_at_end} the best checkpoint's weights saved under {@code best/}.
 */
final class TrainingEnd {
    private final TrainingRun run;

    TrainingEnd(TrainingRun run) {
        this.run = run;
    }

    /** Logs the summary, saves the final (and best) model and returns the result. */
    TrainingResult finish(long startNanos, long steps, long samples, boolean stoppedEarly) throws IOException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        TrainerState s = run.state;
        double trainLoss = s.globalStep == 0 ? 0 : s.lossTotal / s.globalStep;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("train_runtime", TrainingRun.round(seconds, 4));
        summary.put("train_samples_per_second", TrainingRun.round(samples / Math.max(seconds, 1e-9), 3));
        summary.put("train_steps_per_second", TrainingRun.round(steps / Math.max(seconds, 1e-9), 3));
        summary.put("total_flos", 0.0);
        summary.put("train_loss", trainLoss);
        run.log(summary);
        Path finalDir = run.args.outputDir().resolve("final");
        TrainingAccess.save(run.model, finalDir, ModelCardText.render(run));
        Path bestDir = finalDir;
        if (run.args.loadBestModelAtEnd() && s.bestModelCheckpoint != null) {
            Path best = run.args.outputDir().resolve(s.bestModelCheckpoint.getFileName());
            if (Files.isDirectory(best)) {
                TrainingAccess.loadWeights(run.model, best);
                bestDir = run.args.outputDir().resolve("best");
                TrainingAccess.save(run.model, bestDir, ModelCardText.render(run, Checkpoints.step(best)));
            }
        }
        return new TrainingResult(
                s.globalStep,
                s.epoch,
                trainLoss,
                seconds,
                samples / Math.max(seconds, 1e-9),
                stoppedEarly,
                finalDir,
                bestDir,
                s.logHistory());
    }
}
