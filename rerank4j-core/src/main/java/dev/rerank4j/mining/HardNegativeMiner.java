package dev.rerank4j.mining;

import dev.rerank4j.PairScorer;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.Reranker;
import dev.rerank4j.TextPair;
import dev.rerank4j.retrieval.Neighbours;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *       rangeMax}; {@code numNegatives} are taken from the top or sampled (seeded) and kept best first.
 *   <li>The rows of the output format are built and a {@link MiningReport} summarises the run.
 * </ol>
 *
 * The relative margin uses the corrected rule {@code neg > pos - |pos| * margin} (sentence-transformers v4.1 used
 * {@code pos * (1 - margin)}, wrong for negative scores).
 */
public final class HardNegativeMiner {
    private static final Logger LOG = LoggerFactory.getLogger(HardNegativeMiner.class);
    private static final int RESCORE_CHUNK = 4096;

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

    /** Mines; {@code crossEncoder} is null when there is none. */
    private static MinedDataset mine(
            MiningData data, CandidateSource source, PairScorer crossEncoder, MiningOptions o) {
        MiningInput in = MiningInput.of(data);
        int rangeMax = o.effectiveRangeMax(in.maxPositives);
        List<String> notes = notes(o);
        notes.forEach(n -> LOG.warn("{}", n));
        int k = rangeMax + in.maxPositives;
        CandidateSource.Retrieved found = source.retrieve(in.queries, in.corpus, in.positives, k, o.batchSize());
        Neighbours nb = found.neighbours();
        int[] ids = nb.ids().clone();
        float[] scores = nb.scores().clone();
        List<float[]> positiveScores = found.positiveScores();
        boolean rescored = crossEncoder != null && o.rescores();
        if (rescored) {
            positiveScores = rescore(crossEncoder, in, ids, scores, k, o.batchSize());
        }
        List<FilterCount> filters = CandidateFilter.apply(ids, scores, k, in.positives, positiveScores, o);
        int[][] negIds = new int[in.queries.size()][];
        float[][] negScores = new float[in.queries.size()][];
        select(ids, scores, k, rangeMax, o, negIds, negScores);
        OutputFormat format = o.effectiveFormat();
        MinedRows rows = MinedRows.build(in, positiveScores, negIds, negScores, format, o.numNegatives());
        int short_ = (int)
                Arrays.stream(negIds).filter(n -> n.length < o.numNegatives()).count();
        MiningReport report = new MiningReport(
                source.describe(),
                in.inputRows,
                in.queries.size(),
                in.corpus.size(),
                in.maxPositives,
                rangeMax,
                rescored,
                rows.positiveStats(),
                rows.negativeStats(),
                rows.differenceStats(),
                filters,
                short_,
                Math.max(0, MinedRows.maximumRows(format, in, o.numNegatives()) - rows.rows.size()),
                rows.rows.size(),
                found.timings(),
                notes);
        List<String> columns =
                format.columns(data.anchorColumn(), data.positiveColumn(), o.numNegatives(), o.outputScores());
        return new MinedDataset(format, columns, o.outputScores(), rows.rows, report);
    }

    private static List<String> notes(MiningOptions o) {
        List<String> notes = new ArrayList<>();
        if (o.includePositives()) {
            if (o.outputFormat() != OutputFormat.N_TUPLE) {
                notes.add("includePositives forces the n-tuple output format (it keeps the ranking order); "
                        + o.outputFormat().configName() + " was asked for");
            }
            if (o.rangeMin() != 0
                    || o.rangeMax().isPresent()
                    || o.rescores()
                    || o.sampling() instanceof SamplingStrategy.Random) {
                notes.add("with includePositives, rangeMin, rangeMax, maxScore, the margins or random sampling may"
                        + " still discard the positives");
            }
        }
        return notes;
    }

    /** Replaces every candidate score and returns the positives' scores, all from the cross-encoder. */
    private static List<float[]> rescore(
            PairScorer scorer, MiningInput in, int[] ids, float[] scores, int k, int batchSize) {
        List<TextPair> pairs = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= 0) {
                pairs.add(new TextPair(in.queries.get(i / k), in.corpus.get(ids[i])));
                slots.add(i);
            }
        }
        for (int q = 0; q < in.queries.size(); q++) {
            for (int p : in.positives.get(q)) {
                pairs.add(new TextPair(in.queries.get(q), in.corpus.get(p)));
            }
        }
        float[] all = score(scorer, pairs, batchSize);
        for (int s = 0; s < slots.size(); s++) {
            scores[slots.get(s)] = all[s];
        }
        List<float[]> positives = new ArrayList<>(in.queries.size());
        int at = slots.size();
        for (int q = 0; q < in.queries.size(); q++) {
            int n = in.positives.get(q).length;
            positives.add(Arrays.copyOfRange(all, at, at + n));
            at += n;
        }
        return positives;
    }

    private static float[] score(PairScorer scorer, List<TextPair> pairs, int batchSize) {
        float[] out = new float[pairs.size()];
        for (int from = 0; from < pairs.size(); from += RESCORE_CHUNK) {
            List<TextPair> chunk = pairs.subList(from, Math.min(pairs.size(), from + RESCORE_CHUNK));
            float[] s = scorer instanceof Reranker ce
                    ? ce.predict(chunk, PredictOptions.defaults().withBatchSize(batchSize))
                    : scorer.scoreSingle(chunk);
            System.arraycopy(s, 0, out, from, s.length);
        }
        return out;
    }

    /**
     * Per anchor: rank the remaining candidates (score descending, retrieval order on ties), keep ranks [rangeMin,
     * rangeMax), and pick the negatives.
     */
    private static void select(
            int[] ids, float[] scores, int k, int rangeMax, MiningOptions o, int[][] negIds, float[][] negScores) {
        SplittableRandom random = new SplittableRandom(o.sampling().seed());
        for (int q = 0; q < negIds.length; q++) {
            List<Integer> alive = new ArrayList<>();
            for (int r = 0; r < k; r++) {
                if (scores[q * k + r] != Float.NEGATIVE_INFINITY) {
                    alive.add(q * k + r);
                }
            }
            alive.sort((a, b) -> {
                int c = Float.compare(scores[b], scores[a]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            int end = Math.min(alive.size(), rangeMax);
            int eligible = Math.max(0, end - o.rangeMin());
            int[] picks = o.sampling().pick(eligible, o.numNegatives(), random);
            negIds[q] = new int[picks.length];
            negScores[q] = new float[picks.length];
            for (int i = 0; i < picks.length; i++) {
                int slot = alive.get(o.rangeMin() + picks[i]);
                negIds[q][i] = ids[slot];
                negScores[q][i] = scores[slot];
            }
        }
    }
}
