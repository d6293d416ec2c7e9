package dev.rerank4j.hub;

import dev.rerank4j.ProgressListener;

/**
 * Hears about file downloads (never about cache hits). For each transfer a {@link HubClient} calls {@link
 * #started} once, {@link #progress} zero or more times, then {@link #finished} once, whether the transfer succeeded
 * or failed (a retried transfer starts again); all calls for one transfer come from the thread that asked for the
 * file. Every method does nothing by default.
 */
public interface DownloadListener {
    /**
     * A file's body starts to arrive.
     *
     * @param file the file's path in the repository, e.g. {@code 1_Pooling/config.json}
     * @param totalBytes its size, or -1 when the server did not say
     */
    default void started(String file, long totalBytes) {}

    /**
     * More of the body has been written to disk.
     *
     * @param bytesSoFar the bytes written so far for this transfer
     */
    default void progress(long bytesSoFar) {}

    /** The transfer ended, complete or not. */
    default void finished() {}

    /** A listener that ignores everything (for tests and quiet programs). */
    static DownloadListener none() {
        return new DownloadListener() {};
    }

    /** Files below this size (1 MiB) are not reported by default: config and tokenizer files arrive in a blink. */
    long DEFAULT_MIN_BYTES = 1L << 20;

    /**
     * Reports each download of at least {@code minBytes} (or of unknown size) to {@code listener}, as a task counted
     * in {@code bytes}.
     */
    static DownloadListener reportingTo(ProgressListener listener, long minBytes) {
        return new ProgressDownloadListener(listener, minBytes);
    }
}
