package dev.rerank4j.model;

import ai.djl.engine.Engine;

/**
 * Starts the PyTorch engine the way rerank4j needs it: offline, with DJL's usage tracking switched off, and
 * with an explicit number of threads.
 *
 * <p>DJL calls the EC2 metadata service ({@code 169.254.169.254}) at engine start unless tracking is off, and
 * may try to download natives unless it is offline. Both switches are set here, as system properties, before the
 * engine class is touched, so no rerank4j program opens a connection it was not asked to open. The first start of
 * a machine extracts about 450 MB of natives to {@code ~/.djl.ai} (relocate with {@code DJL_CACHE_DIR}).
 */
public final class TorchRuntime {
    private static final String ENGINE = "PyTorch";

    private TorchRuntime() {}

    /**
     * Returns the PyTorch engine, starting it on the first call.
     *
     * @param threads intra-op threads for the first start; 0 keeps DJL's default (one per core); ignored once the
     *     engine runs (libtorch fixes its thread pools at start) or when {@code -Dai.djl.pytorch.num_threads} is set
     * @return the running engine
     */
    public static synchronized Engine engine(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = one per core), got " + threads);
        }
        configure(threads);
        return Engine.getEngine(ENGINE);
    }

    /** Returns the PyTorch engine with DJL's default thread count. */
    public static Engine engine() {
        return engine(0);
    }

    private static void configure(int threads) {
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
        // A user's own -D settings win; they only matter before the engine's first start.
        if (threads > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
