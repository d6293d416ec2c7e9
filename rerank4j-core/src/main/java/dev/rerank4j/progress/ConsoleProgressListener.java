package dev.rerank4j.progress;

import dev.rerank4j.ProgressListener;
import java.io.PrintStream;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars (me.tongfei:progressbar, ASCII) on a stream it is given: one bar per task, with the rate and the
 * task's status. Tasks counted in {@value #BYTES} show MiB. The one console implementation of {@link
 * ProgressListener}: the command line gives it standard error; the library never creates one by itself.
 */
public final class ConsoleProgressListener implements ProgressListener {
    /** The unit of byte counts (downloads); shown as MiB. */
    public static final String BYTES = "bytes";

    private static final long MIB = 1L << 20;
    private static final int MAX_WIDTH = 140;
    private static final int UPDATE_MILLIS = 500;

    private final PrintStream out;
    private final boolean interactive;

    /**
     * @param out where the bars are drawn
     * @param interactive whether a person watches {@code out} (a terminal); {@link dev.rerank4j.ProgressMode#AUTO}
     *     work reports only then
     */
    public ConsoleProgressListener(PrintStream out, boolean interactive) {
        this.out = Objects.requireNonNull(out, "out");
        this.interactive = interactive;
    }

    @Override
    public Task start(String name, long total, String unit) {
        boolean bytes = BYTES.equals(unit);
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(shorten(name))
                .setInitialMax(total > 0 ? total : -1)
                .setUnit(bytes ? "MiB" : " " + unit, bytes ? MIB : 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(UPDATE_MILLIS)
                .showSpeed()
                .continuousUpdate()
                .setConsumer(new ConsoleProgressBarConsumer(out, MAX_WIDTH))
                .build();
        return new BarTask(bar);
    }

    @Override
    public boolean interactive() {
        return interactive;
    }

    private static String shorten(String name) {
        return name.length() <= 40 ? name : "..." + name.substring(name.length() - 37);
    }

    private static final class BarTask implements Task {
        private final ProgressBar bar;

        BarTask(ProgressBar bar) {
            this.bar = bar;
        }

        @Override
        public void step(long units) {
            bar.stepBy(units);
        }

        @Override
        public void status(String text) {
            bar.setExtraMessage(text);
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
