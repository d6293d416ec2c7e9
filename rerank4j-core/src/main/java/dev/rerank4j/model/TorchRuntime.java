package dev.rerank4j.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PyTorch engine as rerank4j runs it: one object per process, created once with its settings and passed to model
 * loading ({@link CrossEncoder#load(java.nio.file.Path, dev.rerank4j.CrossEncoderOptions, TorchRuntime)}),
 * embedding models and training. Nothing outside this class calls {@code Engine.getEngine} or seeds libtorch.
 *
 * <p><b>Start-up.</b> DJL calls the EC2 metadata service ({@code 169.254.169.254}) at engine start unless usage
 * tracking is off, and may try to download natives unless it is offline; libtorch fixes its thread pools at start.
 * So the runtime's creation, and only it, sets the system properties {@code OPT_OUT_TRACKING}, {@code
 * ai.djl.offline}, {@code ai.djl.pytorch.num_threads} (when asked; a user's own {@code -D} wins) and {@code
 * ai.djl.pytorch.num_interop_threads} (1, unless set) before the engine class loads. Nothing is set afterwards. The
 * first start of a machine extracts about 450 MB of natives to {@code ~/.djl.ai} (relocate with {@code
 * DJL_CACHE_DIR}).
 *
 * <p><b>What stays global in libtorch</b>, and how it is guarded:
 *
 * <ul>
 *   <li>the thread pools (intra-op and inter-op): sized once, at creation; concurrent calls share them, which costs
 *       speed but not results (a call's arithmetic does not depend on which pool thread runs it);
 *   <li>the default random generator (dropout, {@code rand}): inference never draws from it; training seeds it and
 *       draws from it only inside {@link #withSeed}, which holds this runtime's generator lock for the whole seeded
 *       computation, so two training steps (or a step and any other seeded work) never interleave their draws, and a
 *       seeded step gives the same masks whatever runs beside it;
 *   <li>the caching CPU allocator: thread-safe in libtorch; each call owns its arrays through an {@code NDScope} and
 *       frees them before returning.
 * </ul>
 *
 * <p>Autograd's grad mode is per thread in libtorch, and on by default on every thread but the one that started the
 * engine: work that must not record a graph (inference, optimizer updates) runs in {@link #withoutGradient}, so it
 * behaves the same on any thread (a server's worker, a training job's thread).
 *
 * <p>{@link #shared()} holds the process-wide instance: the only static state, because libtorch itself is one per
 * process.
 */
public final class TorchRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(TorchRuntime.class);
    private static final String ENGINE = "PyTorch";
    private static TorchRuntime shared;

    private final Engine engine;
    private final int threads;
    private final ReentrantLock generator = new ReentrantLock();

    private TorchRuntime(Engine engine, int threads) {
        this.engine = engine;
        this.threads = threads;
    }

    /**
     * The process-wide runtime, created on the first call with {@code threads} intra-op threads.
     *
     * @param threads intra-op threads; 0 keeps DJL's default (one per core). Only the first call's value counts
     *     (libtorch fixes its pools at start); a later call asking for another count gets the running runtime and a
     *     log line saying so
     * @throws IllegalArgumentException if {@code threads} is negative
     */
    public static synchronized TorchRuntime start(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = one per core), got " + threads);
        }
        if (shared == null) {
            configure(threads);
            shared = new TorchRuntime(Engine.getEngine(ENGINE), threads);
        } else if (threads > 0 && threads != shared.threads) {
            LOG.debug(
                    "libtorch already runs with threads={}; threads={} ignored (thread pools are fixed at start)",
                    shared.threads,
                    threads);
        }
        return shared;
    }

    /** The process-wide runtime, started with DJL's default thread count if nothing started it before. */
    public static TorchRuntime shared() {
        return start(0);
    }

    private static void configure(int threads) {
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
        // A user's own -D settings win.
        if (threads > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    /** The running engine. */
    public Engine engine() {
        return engine;
    }

    /** The intra-op threads asked for at start; 0 = DJL's default. */
    public int threads() {
        return threads;
    }

    /** A new base manager; the caller closes it. */
    public NDManager newManager() {
        return engine.newBaseManager();
    }

    /** A new gradient collector (one per training step); the caller closes it. */
    public GradientCollector newGradientCollector() {
        return engine.newGradientCollector();
    }

    /**
     * Runs {@code body} with libtorch's global generator seeded with {@code seed}, holding the generator lock: other
     * seeded work waits, so every random draw of {@code body} (dropout masks) depends on {@code seed} alone. Nested
     * calls on the same thread re-seed and keep the lock.
     */
    public <T> T withSeed(int seed, Supplier<T> body) {
        generator.lock();
        try {
            engine.setRandomSeed(seed);
            return body.get();
        } finally {
            generator.unlock();
        }
    }

    /**
     * Runs {@code body} with autograd's grad mode off on this thread (libtorch keeps it per thread), then restores it:
     * no graph is recorded and in-place updates of weights that require gradients are allowed.
     */
    public <T> T withoutGradient(Supplier<T> body) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }
}
