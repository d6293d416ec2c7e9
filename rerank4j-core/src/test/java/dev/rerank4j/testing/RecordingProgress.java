package dev.rerank4j.testing;

import dev.rerank4j.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link ProgressListener} that records every task it is given: name, total, unit, steps, status, closing. */
public final class RecordingProgress implements ProgressListener {
    /** One recorded task. */
    public static final class Recorded implements Task {
        public final String name;
        public final long total;
        public final String unit;
        private final AtomicLong steps = new AtomicLong();
        private final AtomicLong stepCalls = new AtomicLong();
        private volatile String status = "";
        private volatile int closed;

        Recorded(String name, long total, String unit) {
            this.name = name;
            this.total = total;
            this.unit = unit;
        }

        @Override
        public void step(long units) {
            steps.addAndGet(units);
            stepCalls.incrementAndGet();
        }

        @Override
        public void status(String text) {
            status = text;
        }

        @Override
        public void close() {
            closed++;
        }

        public long steps() {
            return steps.get();
        }

        public long stepCalls() {
            return stepCalls.get();
        }

        public String status() {
            return status;
        }

        public int closed() {
            return closed;
        }
    }

    private final boolean interactive;
    private final List<Recorded> tasks = Collections.synchronizedList(new ArrayList<>());

    public RecordingProgress(boolean interactive) {
        this.interactive = interactive;
    }

    @Override
    public Task start(String name, long total, String unit) {
        Recorded r = new Recorded(name, total, unit);
        tasks.add(r);
        return r;
    }

    @Override
    public boolean interactive() {
        return interactive;
    }

    public List<Recorded> tasks() {
        synchronized (tasks) {
            return List.copyOf(tasks);
        }
    }
}
