package dev.rerank4j;

/**
 * Receives the progress of long work (scoring, encoding, training, mining, downloads), so that a library caller
 * decides where it goes: a progress bar on a terminal, a log, a metric, or nowhere. The core library never writes to
 * the console by itself.
 *
 * <p>A task is started with {@link #start}, advanced with {@link Task#step} and ended with {@link Task#close}
 * (try-with-resources). Implementations must be thread-safe: concurrent calls may each start a task.
 */
public interface ProgressListener {
    /** A listener that shows nothing. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public Task start(String name, long total, String unit) {
            return Task.NONE;
        }

        @Override
        public boolean interactive() {
            return false;
        }
    };

    /**
     * Starts a task.
     *
     * @param name what is being done, e.g. {@code Scoring}
     * @param total how many units the task holds; 0 or less when unknown
     * @param unit the unit, e.g. {@code pairs}
     * @return the task, to advance and close
     */
    Task start(String name, long total, String unit);

    /**
     * Whether progress shown by this listener reaches a person watching (a terminal); {@link ProgressMode#AUTO}
     * reports only to interactive listeners.
     */
    boolean interactive();

    /**
     * Whether work of {@code batches} batches should report under a mode: {@link ProgressMode#ON} always, {@link
     * ProgressMode#OFF} never, {@link ProgressMode#AUTO} when the listener is interactive and the work spans at least
     * {@code minBatches}.
     */
    default boolean reports(ProgressMode mode, long batches, long minBatches) {
        return switch (mode) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> interactive() && batches >= minBatches;
        };
    }

    /** One running task. */
    interface Task extends AutoCloseable {
        /** A task that records nothing. */
        Task NONE = new Task() {
            @Override
            public void step(long units) {}

            @Override
            public void close() {}
        };

        /** Advances the task by {@code units}. */
        void step(long units);

        /** Sets a short status shown next to the progress, e.g. the current loss. */
        default void status(String text) {}

        /** Ends the task. */
        @Override
        void close();
    }
}
