package dev.rerank4j.model;

/** Versions of rerank4j and the libraries it runs on, for saved files and model cards. */
public final class Versions {
    private Versions() {}

    /** The rerank4j version from the jar manifest, or {@code 0.1.0-SNAPSHOT} when run from classes. */
    public static String rerank4j() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /**
     * The DJL version, from DJL's own {@code api.properties} (a jar manifest is no source: in a shaded jar every
     * package reports the application's version).
     */
    public static String djl() {
        try {
            String v = ai.djl.engine.Engine.getDjlVersion();
            return v == null || v.isBlank() ? "0.36.0" : v;
        } catch (RuntimeException e) {
            return "0.36.0";
        }
    }

    /** The libtorch version the engine runs. */
    public static String libtorch() {
        return "2.7.1";
    }
}
