package dev.rerank4j.embed;

import dev.rerank4j.ProgressMode;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar over texts on standard error, or nothing. */
final class EncodingProgress implements AutoCloseable {
    private static final int AUTO_MIN_BATCHES = 8;
    private final ProgressBar bar;

    EncodingProgress(ProgressMode mode, int texts, int batchSize) {
        boolean show = switch (mode) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> (texts + batchSize - 1) / batchSize >= AUTO_MIN_BATCHES && System.console() != null;
        };
        this.bar = show
                ? new ProgressBarBuilder()
                        .setTaskName("Encoding")
                        .setInitialMax(texts)
                        .setUnit(" texts", 1)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(500)
                        .showSpeed()
                        .continuousUpdate()
                        .setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .build()
                : null;
    }

    void step(int n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
