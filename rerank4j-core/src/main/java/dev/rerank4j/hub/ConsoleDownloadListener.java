package dev.rerank4j.hub;

import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Draws a progress bar (me.tongfei:progressbar, in MiB) for each download of at least {@code minBytes}, or of
 * unknown size; smaller files pass silently. One instance serves one thread at a time.
 */
public final class ConsoleDownloadListener implements DownloadListener {
    /** Files below this size (1 MiB) get no bar by default: config and tokenizer files arrive in a blink. */
    public static final long DEFAULT_MIN_BYTES = 1L << 20;

    private static final long MIB = 1L << 20;

    private final PrintStream out;
    private final long minBytes;
    private Optional<ProgressBar> bar = Optional.empty();

    /** Bars on standard error for files of at least {@link #DEFAULT_MIN_BYTES}. */
    public ConsoleDownloadListener() {
        this(System.err, DEFAULT_MIN_BYTES);
    }

    /**
     * Bars on {@code out} for files of at least {@code minBytes}.
     *
     * @param out where to draw
     * @param minBytes the smallest file that gets a bar; 0 for all
     */
    public ConsoleDownloadListener(PrintStream out, long minBytes) {
        this.out = Objects.requireNonNull(out, "out must not be null");
        if (minBytes < 0) {
            throw new IllegalArgumentException("minBytes must be >= 0, got " + minBytes);
        }
        this.minBytes = minBytes;
    }

    @Override
    public void started(String file, long totalBytes) {
        finished();
        if (totalBytes >= 0 && totalBytes < minBytes) {
            return;
        }
        bar = Optional.of(new ProgressBarBuilder()
                .setTaskName(shorten(file))
                .setInitialMax(totalBytes)
                .setUnit("MiB", MIB)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .build());
    }

    @Override
    public void progress(long bytesSoFar) {
        bar.ifPresent(current -> current.stepTo(bytesSoFar));
    }

    @Override
    public void finished() {
        bar.ifPresent(ProgressBar::close);
        bar = Optional.empty();
    }

    private static String shorten(String file) {
        return file.length() <= 40 ? file : "..." + file.substring(file.length() - 37);
    }
}
