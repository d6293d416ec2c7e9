package dev.rerank4j.train;

import dev.rerank4j.ProgressListener;
import java.util.Locale;

/**
 * Reports training to a {@link ProgressListener}: a "Training" task over the run's steps, its status the loss,
 * learning rate and samples per second.
 */
final class ProgressBarListener implements TrainerListener {
    private final ProgressListener listener;
    private ProgressListener.Task task = ProgressListener.Task.NONE;
    private long reportedStep;
    private long startNanos;
    private long startSamples;

    ProgressBarListener(ProgressListener listener) {
        this.listener = listener;
    }

    @Override
    public void onTrainBegin(TrainerContext ctx) {
        task = listener.start("Training", ctx.state().maxSteps, "steps");
        reportedStep = ctx.state().globalStep;
        if (reportedStep > 0) {
            task.step(reportedStep);
        }
        startNanos = System.nanoTime();
        startSamples = ctx.state().samplesSeen;
    }

    @Override
    public void onStepEnd(TrainerContext ctx) {
        TrainerState s = ctx.state();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        task.step(s.globalStep - reportedStep);
        reportedStep = s.globalStep;
        task.status(String.format(
                Locale.ROOT,
                "loss %.4f lr %.2e %.1f samples/s",
                s.lastLoss,
                s.lastLearningRate,
                (s.samplesSeen - startSamples) / Math.max(seconds, 1e-9)));
    }

    @Override
    public void onTrainEnd(TrainerContext ctx) {
        task.close();
        task = ProgressListener.Task.NONE;
    }
}
