package dev.rerank4j.recipe;

/**
 * The {@code split:} section: how many questions are held out for evaluation, by group, with a seed.
 *
 * @param evalSize evaluation questions: a count ({@code >= 1}) or a fraction of the questions ({@code < 1})
 * @param trainSize training questions kept after the split (the first ones in the seeded order); 0 = all
 * @param seed the seed of the group order
 */
public record SplitSpec(double evalSize, int trainSize, long seed) {
    public SplitSpec {
        if (!(evalSize > 0) || (evalSize >= 1 && evalSize != Math.rint(evalSize)) || Double.isInfinite(evalSize)) {
            throw new IllegalArgumentException("split.eval_size must be a whole number of questions >= 1 or a fraction"
                    + " in (0, 1), got " + evalSize);
        }
        if (trainSize < 0) {
            throw new IllegalArgumentException("split.train_size must be >= 0 (0 = all), got " + trainSize);
        }
    }
}
