package dev.rerank4j.hub;

import dev.rerank4j.ProgressListener;
import java.util.Objects;

/**
 * Reports each download of at least {@code minBytes} (or of unknown size) as a {@link ProgressListener} task counted
 * in {@code bytes}; smaller files pass silently. One instance serves one thread at a time, as {@link HubClient} calls
 * it.
 */
final class ProgressDownloadListener implements DownloadListener {
    private final ProgressListener listener;
    private final long minBytes;
    private ProgressListener.Task task = ProgressListener.Task.NONE;
    private long reported;

    ProgressDownloadListener(ProgressListener listener, long minBytes) {
        this.listener = Objects.requireNonNull(listener, "listener");
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
        task = listener.start(file, totalBytes, "bytes");
        reported = 0;
    }

    @Override
    public void progress(long bytesSoFar) {
        if (bytesSoFar > reported) {
            task.step(bytesSoFar - reported);
            reported = bytesSoFar;
        }
    }

    @Override
    public void finished() {
        task.close();
        task = ProgressListener.Task.NONE;
    }
}
