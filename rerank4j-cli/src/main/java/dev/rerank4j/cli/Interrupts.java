package dev.rerank4j.cli;

import dev.rerank4j.Cancellation;
import dev.rerank4j.StopRequest;
import dev.rerank4j.StopSignal;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the command-line program stops on Ctrl-C ({@code SIGINT}) and {@code SIGTERM}: at the command's next safe point,
 * never inside a native operation.
 *
 * <p>Why handlers and not only a shutdown hook: the JVM's own handling of these signals starts its shutdown at once
 * and, once the hooks are done, calls the C library's {@code exit}, which runs libtorch's static destructors while the
 * command's thread may still be inside a libtorch operation: that was the {@code SIGSEGV} in {@code
 * at::accelerator::getAccelerator} during {@code torchBackward} (DJL itself registers no shutdown hook). The handlers
 * installed here replace that: a signal only requests a stop ({@link Cancellation}); the command ends at its next
 * safe point (between training steps, inference batches, mining chunks) with a {@link
 * dev.rerank4j.RunInterruptedException}, releases its native memory, and only then does {@code main} exit, with
 * 130 or 143 (128 + the signal number). A second signal changes nothing ({@code kill -9} stops at once).
 *
 * <p>The shutdown hook is the fallback for every other way the JVM can be asked to stop (SIGHUP, or a JVM where
 * {@code sun.misc.Signal} is missing): it requests the stop, then waits up to {@link #HOOK_WAIT_SECONDS} seconds for
 * the command to finish before the JVM may exit.
 */
final class Interrupts {
    /** How long the fallback shutdown hook waits for the command to reach a safe point. */
    static final long HOOK_WAIT_SECONDS = 60;

    private final Cancellation cancellation = new Cancellation();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final PrintStream err;

    private Interrupts(PrintStream err) {
        this.err = err;
    }

    /** Installs the signal handlers and the fallback shutdown hook; call once, from {@code main}. */
    static Interrupts install() {
        Interrupts interrupts = new Interrupts(System.err);
        interrupts.handle("INT", 2);
        interrupts.handle("TERM", 15);
        Runtime.getRuntime().addShutdownHook(new Thread(interrupts::onShutdown, "rerank4j-shutdown"));
        return interrupts;
    }

    /** What the command polls. */
    StopSignal signal() {
        return cancellation;
    }

    /** The command has returned (normally or not): the shutdown hook need not wait any longer. */
    void finished() {
        finished.countDown();
    }

    private void handle(String name, int number) {
        StopRequest request = StopRequest.signal("SIG" + name, number);
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> request(request));
        } catch (IllegalArgumentException | LinkageError e) {
            // the signal is reserved here (or sun.misc.Signal is missing): the shutdown hook covers it
        }
    }

    private void request(StopRequest request) {
        if (cancellation.requestStop(request)) {
            err.println("rerank4j: " + request.reason() + " received; stopping at the next safe point"
                    + " (kill -9 stops at once, leaving files as they are)");
        } else {
            err.println("rerank4j: " + request.reason() + " received; already stopping at the next safe point");
        }
        err.flush();
    }

    private void onShutdown() {
        if (finished.getCount() == 0) {
            return; // a normal exit
        }
        cancellation.requestStop(new StopRequest("JVM shutdown", Main.FAILURE));
        try {
            if (!finished.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                err.println("rerank4j: the command did not reach a safe point within " + HOOK_WAIT_SECONDS
                        + " s; exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
