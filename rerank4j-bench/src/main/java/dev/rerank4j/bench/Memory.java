package dev.rerank4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory of this process from {@code /proc/self/status} (Linux): the resident set now and at its peak ({@code
 * VmHWM}), and a sampler of the peak resident memory outside the Java heap (resident minus the committed heap), which is
 * where libtorch's tensors live.
 */
final class Memory implements AutoCloseable {
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakOffHeapKb;

    private Memory() {
        sampler = new Thread(
                () -> {
                    while (running) {
                        sample();
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                },
                "memory-sampler");
        sampler.setDaemon(true);
    }

    /** Starts sampling. */
    static Memory sample20ms() {
        Memory m = new Memory();
        m.sampler.start();
        return m;
    }

    private void sample() {
        long rss = statusKb("VmRSS:");
        long heap = Runtime.getRuntime().totalMemory() >> 10;
        peakOffHeapKb = Math.max(peakOffHeapKb, rss - heap);
    }

    long peakOffHeapKb() {
        sample();
        return peakOffHeapKb;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    /** A {@code /proc/self/status} value in kB, e.g. {@code VmHWM:}; -1 when unknown. */
    static long statusKb(String key) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(key)) {
                    return Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
