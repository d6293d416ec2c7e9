package dev.rerank4j.cli;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a request to stop, handled by the program instead of the JVM's default (which runs the
 * shutdown hooks and exits with 143): {@code serve} finishes its requests in flight and exits 0.
 */
final class StopSignals {
    private StopSignals() {}

    /** Runs {@code onStop} on SIGTERM or SIGINT (on a signal thread; it must return quickly). */
    @SuppressWarnings("sunapi")
    static void install(Runnable onStop) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> onStop.run());
        }
    }
}
