package dev.rerank4j.model;

/** Versions of rerank4j and the libraries it runs on, for saved files and model cards. */
public final class Versions {
    private Versions() {}

    /** The rerank4j version from the jar manifest, or {@code 0.1.0-SNAPSHOT} when run from classes. */
    public static String rerank4j() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** The DJL version. */
    public static String djl() {
        String v = ai.djl.engine.Engine.class.getPackage().getImplementationVersion();
        return v == null ? "0.36.0" : v;
    }

    /** The libtorch version the engine runs. */
    public static String libtorch() {
        return "2.7.1";
    }
}
