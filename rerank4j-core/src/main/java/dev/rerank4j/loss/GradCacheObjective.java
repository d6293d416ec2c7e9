package dev.rerank4j.loss;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import dev.rerank4j.TextPair;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link CachedMultipleNegativesRankingLoss}'s computation (GradCache). The pairs are every candidate column's pairs,
 * column by column, cut into chunks of {@code mini_batch_size}. {@link #backward} runs three steps:
 *
 * <ol>
 *   <li>score each chunk without a graph, in its own {@code NDScope}, after seeding libtorch's generator with the
 *       chunk's seed (so dropout draws masks that step 3 can replay);
 *   <li>compute the loss and its gradient with respect to every activated score in plain Java;
 *   <li>score each chunk again with a graph under the same seed and backpropagate {@code sum(g * score)} for the
 *       chunk's cached gradients g, closing the chunk's arrays before the next one.
 * </ol>
 *
 * <p>{@link #loss} (evaluation, or a caller that backpropagates itself) scores the same chunks in one graph.
 */
final class GradCacheObjective implements Objective {
    private final CachedMultipleNegativesRankingLoss config;

    GradCacheObjective(CachedMultipleNegativesRankingLoss config) {
        this.config = config;
    }

    @Override
    public NDArray loss(Batch batch, PairModel model) {
        InBatchCandidates candidates = candidates(batch, model);
        List<TextPair> pairs = candidates.allPairs();
        NDList parts = new NDList();
        for (int from = 0; from < pairs.size(); from += config.miniBatchSize()) {
            parts.add(model.logits(pairs.subList(from, end(from, pairs.size()))).reshape(-1));
        }
        NDArray raw = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
        NDArray activated = Activations.apply(config.activationFn(), raw);
        return Surrogate.of(
                activated, InBatchMath.compute(Surrogate.values(activated), candidates.rows(), config.scale()));
    }

    @Override
    @SuppressWarnings("try") // the scope closes what the step allocates
    public float backward(Batch batch, PairModel model, float scale) {
        InBatchCandidates candidates = candidates(batch, model);
        List<TextPair> pairs = candidates.allPairs();
        int chunks = (pairs.size() + config.miniBatchSize() - 1) / config.miniBatchSize();
        SplittableRandom seeds = new SplittableRandom(
                InBatchCandidates.SeedSource.torch(model.manager()).next());
        int[] chunkSeeds = new int[chunks];
        for (int c = 0; c < chunks; c++) {
            chunkSeeds[c] = seeds.nextInt();
        }
        Engine engine = model.manager().getEngine();
        double[] scores = new double[pairs.size()];
        for (int c = 0; c < chunks; c++) {
            int from = c * config.miniBatchSize();
            try (NDScope chunkScope = new NDScope()) {
                engine.setRandomSeed(chunkSeeds[c]);
                NDArray raw = model.logitsWithoutGradient(pairs.subList(from, end(from, pairs.size())));
                double[] v = Surrogate.values(Activations.apply(config.activationFn(), raw));
                System.arraycopy(v, 0, scores, from, v.length);
            }
        }
        LossValue loss = InBatchMath.compute(scores, candidates.rows(), config.scale());
        for (int c = 0; c < chunks; c++) {
            int from = c * config.miniBatchSize();
            int to = end(from, pairs.size());
            float[] g = new float[to - from];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (loss.gradient()[from + i] * scale);
            }
            try (NDScope chunkScope = new NDScope()) {
                engine.setRandomSeed(chunkSeeds[c]);
                NDArray activated = Activations.apply(config.activationFn(), model.logits(pairs.subList(from, to)))
                        .reshape(-1);
                model.backward(activated.mul(model.manager().create(g)).sum());
            }
        }
        return (float) loss.value();
    }

    private InBatchCandidates candidates(Batch batch, PairModel model) {
        return InBatchCandidates.of(
                batch,
                config.numNegatives().orElse(Integer.MAX_VALUE),
                InBatchCandidates.SeedSource.torch(model.manager()));
    }

    private int end(int from, int size) {
        return Math.min(size, from + config.miniBatchSize());
    }
}
