package dev.rerank4j.mining;

import dev.rerank4j.PairScorer;
import java.util.List;
import java.util.Objects;

/**
 * Hard-negative mining, sentence-transformers' {@code mine_hard_negatives} with the same options and semantics:
 *
 * <ol>
 *   <li>Anchors are deduplicated (an anchor with several rows has several positives); the corpus is the deduplicated
 *       separate corpus plus all positives.
 *   <li>The candidate source retrieves {@code rangeMax + maxPositives} documents per anchor and scores its positives.
 *   <li>With a cross-encoder and a margin or {@code maxScore} set, the cross-encoder rescores every candidate and
 *       positive; the filters then use its scores.
 *   <li>Padding and the anchor's positives (unless {@code includePositives}) are removed, then candidates too close to
 *       the weakest positive (absolute, relative margin), above {@code maxScore} or below {@code minScore}.
 *   <li>The remaining candidates are ranked; the first {@code rangeMin} are skipped, the window ends at {@code
 *       rangeMax}; {@code numNegatives} are taken from the top or sampled and kept best first. Sampling is seeded
 *       per anchor (the seed and the anchor's text), so an anchor's negatives do not depend on the other anchors:
 *       mining a subset of the anchors, or mining them in blocks ({@link BlockMiner}), gives the same rows.
 *   <li>The rows of the output format are built and a {@link MiningReport} summarises the run.
 * </ol>
 *
 * The relative margin uses the corrected rule {@code neg > pos - |pos| * margin} (sentence-transformers v4.1 used
 * {@code pos * (1 - margin)}, wrong for negative scores).
 */
public final class HardNegativeMiner {
    private HardNegativeMiner() {}

    /** Mines without a cross-encoder: candidates keep their retrieval scores. */
    public static MinedDataset mineHardNegatives(MiningData data, CandidateSource source, MiningOptions options) {
        return mine(data, source, null, options);
    }

    /**
     * Mines, rescoring with {@code crossEncoder} when a margin or {@code maxScore} is set (as sentence-transformers
     * does; otherwise the cross-encoder is not used).
     */
    public static MinedDataset mineHardNegatives(
            MiningData data, CandidateSource source, PairScorer crossEncoder, MiningOptions options) {
        return mine(data, source, Objects.requireNonNull(crossEncoder, "crossEncoder"), options);
    }

    /** Mines; {@code crossEncoder} is null when there is none. One block: all anchors at once. */
    private static MinedDataset mine(
            MiningData data, CandidateSource source, PairScorer crossEncoder, MiningOptions o) {
        MiningInput in = MiningInput.of(data);
        BlockMiner miner = BlockMiner.of(o, in.maxPositives, crossEncoder);
        CandidateSource.RetrievalTimings[] timings = new CandidateSource.RetrievalTimings[1];
        CandidateSource timed = new CandidateSource() {
            @Override
            public Retrieved retrieve(
                    List<String> queries, List<String> corpus, List<int[]> positives, int k, int batchSize) {
                Retrieved r = source.retrieve(queries, corpus, positives, k, batchSize);
                timings[0] = r.timings();
                return r;
            }

            @Override
            public String describe() {
                return source.describe();
            }
        };
        List<MinedRow> rows = miner.mine(in, timed).rows;
        MiningReport report = miner.report(source.describe(), in.corpus.size(), timings[0]);
        return miner.dataset(data.anchorColumn(), data.positiveColumn(), rows, report);
    }
}
