package dev.rerank4j.onnx;

import java.util.Objects;

/**
 * How an ONNX Runtime session is set up.
 *
 * @param threads intra-op threads; 0 = one per core (ONNX Runtime's own default)
 * @param optimization the graph optimisations ONNX Runtime applies when the session starts
 * @param cpuArena whether the CPU allocator keeps an arena (faster repeated batches, memory kept at its high-water
 *     mark); ONNX Runtime's default is on
 */
public record OnnxOptions(int threads, Optimization optimization, boolean cpuArena) {
    public OnnxOptions {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = one per core), got " + threads);
        }
        Objects.requireNonNull(optimization, "optimization");
    }

    /** One thread per core, every optimisation, the arena on. */
    public static OnnxOptions defaults() {
        return new OnnxOptions(0, Optimization.ALL, true);
    }

    public OnnxOptions withThreads(int n) {
        return new OnnxOptions(n, optimization, cpuArena);
    }

    public OnnxOptions withOptimization(Optimization o) {
        return new OnnxOptions(threads, o, cpuArena);
    }

    public OnnxOptions withCpuArena(boolean on) {
        return new OnnxOptions(threads, optimization, on);
    }

    /** ONNX Runtime's graph optimisation levels. */
    public enum Optimization {
        /** No graph rewrites. */
        NONE,
        /** Constant folding and redundant-node removal. */
        BASIC,
        /** Plus node fusions (attention, GELU, layer norm). */
        EXTENDED,
        /** Plus layout optimisations. */
        ALL
    }
}
