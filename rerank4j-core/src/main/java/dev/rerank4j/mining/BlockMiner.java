package dev.rerank4j.mining;

import dev.rerank4j.PairScorer;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.Reranker;
import dev.rerank4j.TextPair;
import dev.rerank4j.retrieval.Neighbours;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HardNegativeMiner}'s work one block of anchors at a time, so that a caller whose corpus does not fit one
 * machine (rerank4j-spark) holds only one block's candidate texts at once. The rows of consecutive blocks, anchors in
 * first-seen order, concatenate to exactly the rows of one call over all pairs, and {@link #report} is the report of
 * that one call:
 *
 * <ul>
 *   <li>every block retrieves the same number of candidates per anchor ({@code rangeMax + maxPositives}, from the
 *       maximum over <em>all</em> anchors, given up front);
 *   <li>random sampling draws each anchor's negatives from its own stream, seeded by the seed and the anchor's text,
 *       so the sample does not depend on which block (or which other anchors) it is mined with;
 *   <li>score statistics and filter counts are accumulated over the blocks and computed once.
 * </ul>
 *
 * A block's {@link MiningData} holds all the pairs of its anchors (in input order) and as corpus whatever documents
 * its candidate source needs; rows never depend on the corpus order beyond the source's retrieval order.
 */
public final class BlockMiner {
    private static final Logger LOG = LoggerFactory.getLogger(BlockMiner.class);
    private static final int RESCORE_CHUNK = 4096;

    private final MiningOptions o;
    private final PairScorer crossEncoder;
    private final int maxPositives;
    private final int rangeMax;
    private final int k;
    private final List<String> notes;
    private final List<float[]> positives = new ArrayList<>();
    private final List<float[]> negatives = new ArrayList<>();
    private final List<float[]> differences = new ArrayList<>();
    private final Map<String, long[]> filters = new LinkedHashMap<>();
    private final Map<String, Double> thresholds = new LinkedHashMap<>();
    private int inputRows;
    private int anchors;
    private int anchorsShort;
    private int missingSamples;
    private int outputRows;

    private BlockMiner(MiningOptions o, PairScorer crossEncoder, int maxPositives) {
        if (maxPositives < 1) {
            throw new IllegalArgumentException(
                    "maxPositives must be >= 1 (the most rows one anchor has), got " + maxPositives);
        }
        this.o = o;
        this.crossEncoder = crossEncoder;
        this.maxPositives = maxPositives;
        this.rangeMax = o.effectiveRangeMax(maxPositives);
        this.k = rangeMax + maxPositives;
        this.notes = notes(o);
        notes.forEach(n -> LOG.warn("{}", n));
    }

    /**
     * A miner for blocks of one run.
     *
     * @param maxPositives the most rows one anchor has over all the run's pairs (duplicates counted)
     * @param crossEncoder the reranker that rescores candidates when a margin or max score is set; null for none
     */
    public static BlockMiner of(MiningOptions options, int maxPositives, PairScorer crossEncoder) {
        return new BlockMiner(options, crossEncoder, maxPositives);
    }

    /** The candidates retrieved per anchor: {@code rangeMax + maxPositives}. */
    public int candidatesPerAnchor() {
        return k;
    }

    /** Mines one block of anchors and returns its rows; asks {@code source} for {@link #candidatesPerAnchor()}. */
    public List<MinedRow> mine(MiningData block, CandidateSource source) {
        return mine(MiningInput.of(block), source).rows;
    }

    MinedRows mine(MiningInput in, CandidateSource source) {
        if (in.maxPositives > maxPositives) {
            throw new IllegalArgumentException("an anchor of this block has " + in.maxPositives
                    + " rows, more than the run's maxPositives " + maxPositives);
        }
        CandidateSource.Retrieved found = source.retrieve(in.queries, in.corpus, in.positives, k, o.batchSize());
        Neighbours nb = found.neighbours();
        int[] ids = nb.ids().clone();
        float[] scores = nb.scores().clone();
        List<float[]> positiveScores = found.positiveScores();
        if (rescores()) {
            positiveScores = rescore(crossEncoder, in, ids, scores, k, o.batchSize());
        }
        for (CandidateFilter.Count c : CandidateFilter.apply(ids, scores, k, in.positives, positiveScores, o)) {
            long[] t = filters.computeIfAbsent(c.rule(), r -> new long[2]);
            t[0] += c.removed();
            t[1] += c.eligible();
            thresholds.put(c.rule(), c.threshold());
        }
        int[][] negIds = new int[in.queries.size()][];
        float[][] negScores = new float[in.queries.size()][];
        select(in.queries, ids, scores, negIds, negScores);
        OutputFormat format = o.effectiveFormat();
        MinedRows rows = MinedRows.build(in, positiveScores, negIds, negScores, format, o.numNegatives());
        positives.add(rows.positiveScores());
        negatives.add(rows.negativeScores());
        differences.add(rows.differenceScores());
        inputRows += in.inputRows;
        anchors += in.queries.size();
        anchorsShort += (int)
                Arrays.stream(negIds).filter(n -> n.length < o.numNegatives()).count();
        missingSamples += Math.max(0, MinedRows.maximumRows(format, in, o.numNegatives()) - rows.rows.size());
        outputRows += rows.rows.size();
        return rows;
    }

    /** The report of the blocks mined so far, as one call over all of them would give it. */
    public MiningReport report(String source, int corpusSize, CandidateSource.RetrievalTimings timings) {
        List<FilterCount> counts = new ArrayList<>();
        filters.forEach((rule, t) ->
                counts.add(new FilterCount(rule, thresholds.get(rule), t[0], t[1] == 0 ? 0 : (double) t[0] / t[1])));
        return new MiningReport(
                source,
                inputRows,
                anchors,
                corpusSize,
                maxPositives,
                rangeMax,
                rescores(),
                ScoreStats.of(concat(positives)),
                ScoreStats.of(concat(negatives)),
                ScoreStats.of(concat(differences)),
                counts,
                anchorsShort,
                missingSamples,
                outputRows,
                timings,
                notes);
    }

    /** The mined rows with the output format's columns and the report. */
    public MinedDataset dataset(String anchorColumn, String positiveColumn, List<MinedRow> rows, MiningReport report) {
        return new MinedDataset(
                o.effectiveFormat(), o.columns(anchorColumn, positiveColumn), o.outputScores(), rows, report);
    }

    /**
     * The random stream of one anchor: the run's seed mixed with the 64-bit FNV-1a hash of the anchor's UTF-8 text.
     */
    static SplittableRandom anchorRandom(long seed, String anchor) {
        long h = 0xcbf29ce484222325L;
        for (byte b : anchor.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ h);
    }

    private boolean rescores() {
        return crossEncoder != null && o.rescores();
    }

    private static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
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
     * rangeMax), and pick the negatives (random sampling from the anchor's own stream).
     */
    private void select(List<String> queries, int[] ids, float[] scores, int[][] negIds, float[][] negScores) {
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
            SplittableRandom random = anchorRandom(o.sampling().seed(), queries.get(q));
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
