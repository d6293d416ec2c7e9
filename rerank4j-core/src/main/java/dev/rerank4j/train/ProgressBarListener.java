package dev.rerank4j.train;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error: step of total, ETA, and the loss, learning rate and samples per second. */
final class ProgressBarListener implements TrainerListener {
    private ProgressBar bar;
    private long startNanos;
    private long startSamples;

    @Override
    public void onTrainBegin(TrainerContext ctx) {
        bar = new ProgressBarBuilder()
                .setTaskName("Training")
                .setInitialMax(ctx.state().maxSteps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000)
                .setUnit(" steps", 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err, 140))
                .startsFrom(ctx.state().globalStep, java.time.Duration.ZERO)
                .build();
        startNanos = System.nanoTime();
        startSamples = ctx.state().samplesSeen;
    }

    @Override
    public void onStepEnd(TrainerContext ctx) {
        TrainerState s = ctx.state();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        bar.stepTo(s.globalStep);
        bar.setExtraMessage(String.format(
                Locale.ROOT,
                "loss %.4f lr %.2e %.1f samples/s",
                s.lastLoss,
                s.lastLearningRate,
                (s.samplesSeen - startSamples) / Math.max(seconds, 1e-9)));
    }

    @Override
    public void onTrainEnd(TrainerContext ctx) {
        if (bar != null) {
            bar.close();
        }
    }
}
