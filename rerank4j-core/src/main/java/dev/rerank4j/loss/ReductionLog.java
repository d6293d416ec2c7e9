package dev.rerank4j.loss;

/** The logarithm {@link LambdaLoss} and {@link RankNetLoss} sum pair losses with ({@code reduction_log}). */
public enum ReductionLog {
    /** Base 2, sentence-transformers' default ({@code "binary"}). */
    BINARY("binary", Math.log(2)),
    /** Base e ({@code "natural"}). */
    NATURAL("natural", 1.0);

    private final String configName;
    private final double lnBase;

    ReductionLog(String configName, double lnBase) {
        this.configName = configName;
        this.lnBase = lnBase;
    }

    /** The value sentence-transformers' {@code reduction_log} takes: {@code binary} or {@code natural}. */
    public String configName() {
        return configName;
    }

    /** The natural logarithm of the base. */
    double lnBase() {
        return lnBase;
    }

    /** The value for a config name, {@code binary} or {@code natural}. */
    static ReductionLog of(String loss, String name) {
        for (ReductionLog r : values()) {
            if (r.configName.equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                loss + ".reduction_log must be \"binary\" or \"natural\", got \"" + name + "\"");
    }
}
