package dev.rerank4j.hub;

/**
 * Tells a {@link DownloadListener} about one transfer, always from the thread waiting for it: {@code started} on
 * the first bytes of a 200 answer, {@code progress} when the count moved, {@code finished} once if started.
 */
final class TransferProgress {
    private final String file;
    private final long expectedSize;
    private final DownloadListener listener;
    private boolean started;
    private long reported = -1;

    /**
     * @param file the file's path in the repository
     * @param expectedSize the size the metadata announced, or -1 (then the answer's Content-Length is used)
     * @param listener whom to tell
     */
    TransferProgress(String file, long expectedSize, DownloadListener listener) {
        this.file = file;
        this.expectedSize = expectedSize;
        this.listener = listener;
    }

    /** Reports what {@code sink} has written so far; a missing or discarding sink (redirect, error) is ignored. */
    void report(BodySink sink) {
        if (sink == null || !sink.writesFile()) {
            return;
        }
        if (!started) {
            started = true;
            listener.started(file, expectedSize >= 0 ? expectedSize : sink.declaredLength());
        }
        long now = sink.received();
        if (now != reported) {
            reported = now;
            listener.progress(now);
        }
    }

    void finish() {
        if (started) {
            listener.finished();
        }
    }
}
