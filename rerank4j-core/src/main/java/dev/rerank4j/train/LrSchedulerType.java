package dev.rerank4j.train;

/**
 * The learning-rate schedules of transformers' {@code get_scheduler}: the factor applied to {@code learning_rate} at
 * optimizer step {@code step} (0-based: the first update uses {@code factor(0, ...)}), with linear warmup first.
 */
public enum LrSchedulerType {
    /** Warmup, then linear decay to 0 at the last step ({@code get_linear_schedule_with_warmup}). */
    LINEAR {
        @Override
        double decay(long step, long warmup, long total) {
            return Math.max(0.0, (double) (total - step) / Math.max(1, total - warmup));
        }
    },
    /** Warmup, then half a cosine wave down to 0 ({@code get_cosine_schedule_with_warmup}, num_cycles 0.5). */
    COSINE {
        @Override
        double decay(long step, long warmup, long total) {
            double progress = (double) (step - warmup) / Math.max(1, total - warmup);
            return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * 0.5 * 2.0 * progress)));
        }
    },
    /** The learning rate throughout; warmup is ignored ({@code get_constant_schedule}). */
    CONSTANT {
        @Override
        public double factor(long step, long warmup, long total) {
            return 1.0;
        }

        @Override
        double decay(long step, long warmup, long total) {
            return 1.0;
        }
    },
    /** Warmup, then constant ({@code get_constant_schedule_with_warmup}). */
    CONSTANT_WITH_WARMUP {
        @Override
        double decay(long step, long warmup, long total) {
            return 1.0;
        }
    },
    /**
     * Warmup, then polynomial decay (power 1) to {@code lr_end = 1e-7} ({@code
     * get_polynomial_decay_schedule_with_warmup}); the factor depends on the base rate, see {@link #factor(long, long,
     * long, double)}.
     */
    POLYNOMIAL {
        @Override
        double decay(long step, long warmup, long total) {
            return 1.0 - (double) (step - warmup) / Math.max(1, total - warmup);
        }
    };

    private static final double POLYNOMIAL_LR_END = 1e-7;

    /** The decay part, for {@code step >= warmup}. */
    abstract double decay(long step, long warmup, long total);

    /** The factor at a step, for schedules that do not depend on the base rate (all but POLYNOMIAL). */
    public double factor(long step, long warmup, long total) {
        if (step < warmup) {
            return (double) step / Math.max(1, warmup);
        }
        return decay(step, warmup, total);
    }

    /** The factor at a step for a base learning rate (POLYNOMIAL decays towards an absolute lr_end). */
    public double factor(long step, long warmup, long total, double baseLr) {
        if (this != POLYNOMIAL || step < warmup) {
            return factor(step, warmup, total);
        }
        if (step > total) {
            return POLYNOMIAL_LR_END / baseLr;
        }
        return ((baseLr - POLYNOMIAL_LR_END) * decay(step, warmup, total) + POLYNOMIAL_LR_END) / baseLr;
    }
}
