package dev.rerank4j.spark;

import dev.rerank4j.PairScorer;
import dev.rerank4j.TextPair;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.Embeddings;
import dev.rerank4j.mining.BlockMiner;
import dev.rerank4j.mining.CandidateSource;
import dev.rerank4j.mining.MinedDataset;
import dev.rerank4j.mining.MinedRow;
import dev.rerank4j.mining.MiningData;
import dev.rerank4j.mining.MiningOptions;
import dev.rerank4j.mining.MiningReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * Hard-negative mining at corpus scale. The driver holds the (anchor, positive) pairs and, one block of anchors at a
 * time, the ids, scores and texts of that block's candidates; the corpus itself stays distributed:
 *
 * <ol>
 *   <li>every corpus row and every positive gets a global id (corpus rows first, then the pairs' positives, in input
 *       order); a text's id is its first occurrence, which reproduces core's {@code dict.fromkeys(corpus +
 *       positives)} order, the order ties are broken by;
 *   <li>each corpus partition is encoded into one block of unit-length embeddings (cached);
 *   <li>then per block of {@code queryBlock} anchors (first-seen order): the anchors are encoded on the executors and
 *       broadcast; each corpus block computes every anchor's exact top-k with core's {@code ExactVectorSearch} and
 *       the scores of the positives it holds; the partial top-k lists are merged per anchor (a bounded merge,
 *       associative, so retries and task order never change the result); the texts of the block's candidates and
 *       positives are fetched from the corpus; core's {@link BlockMiner} mines the block: the same filters, range,
 *       sampling (seeded per anchor), cross-encoder rescoring (on the executors) and output format as {@code
 *       rerank4j mine}, whose rows the blocks' rows concatenate to.
 * </ol>
 *
 * The driver's working memory is thus bounded by the block size ({@code queryBlock × (rangeMax + maxPositives)}
 * candidate texts), not by the number of anchors; what grows with the anchors is the pairs themselves, and, through
 * {@link #mine(Dataset, Optional, SparkMiningOptions)}, the mined rows (use the sink variant to write them out per
 * block).
 */
final class SparkMining {
    private SparkMining() {}

    static MinedDataset mine(Dataset<Row> pairsFrame, Optional<Dataset<Row>> corpusFrame, SparkMiningOptions so) {
        List<MinedRow> rows = new ArrayList<>();
        MiningRun run = mine(pairsFrame, corpusFrame, so, rows::addAll);
        return run.miner().dataset(so.anchorColumn(), so.positiveColumn(), rows, run.report());
    }

    /** What a run leaves besides its rows. */
    record MiningRun(BlockMiner miner, MiningReport report) {}

    /** Mines, handing each block's rows to {@code sink} (in order) as soon as the block is mined. */
    static MiningRun mine(
            Dataset<Row> pairsFrame,
            Optional<Dataset<Row>> corpusFrame,
            SparkMiningOptions so,
            Consumer<List<MinedRow>> sink) {
        JavaSparkContext jsc =
                JavaSparkContext.fromSparkContext(pairsFrame.sparkSession().sparkContext());
        ExecutorModels.checkOnDriver(so.embedding(), "model");
        so.crossEncoder().ifPresent(ce -> ExecutorModels.checkOnDriver(ce, "cross-encoder"));
        MiningOptions o = so.mining();
        int partitions = so.partitions() > 0 ? so.partitions() : jsc.defaultParallelism();
        List<TextPair> pairs = Frames.pairs(pairsFrame, so.anchorColumn(), so.positiveColumn());

        Map<String, List<TextPair>> pairsOf = new LinkedHashMap<>();
        pairs.forEach(
                p -> pairsOf.computeIfAbsent(p.query(), x -> new ArrayList<>()).add(p));
        List<String> queries = List.copyOf(pairsOf.keySet());
        int maxPositives = pairsOf.values().stream().mapToInt(List::size).max().orElse(0);
        BlockMiner miner = BlockMiner.of(
                o,
                maxPositives,
                so.crossEncoder()
                        .map(ce -> (PairScorer) new SparkPairScorer(jsc, ce, partitions, o.batchSize()))
                        .orElse(null));
        int k = miner.candidatesPerAnchor();

        long t0 = System.nanoTime();
        JavaPairRDD<Long, String> docs = globalIds(jsc, pairs, corpusFrame, so.corpusColumn(), partitions)
                .persist(StorageLevel.MEMORY_AND_DISK());
        LongAccumulator encoded = jsc.sc().longAccumulator("rerank4j: texts encoded");
        LongAccumulator scored = jsc.sc().longAccumulator("rerank4j: query-document scores");
        ModelSpec embedding = so.embedding();
        String corpusPrompt = so.corpusPrompt().orElse(null);
        int batch = o.batchSize();
        JavaRDD<CorpusBlocks.Block> blocks = docs.mapPartitions(
                        it -> CorpusBlocks.encode(it, embedding, corpusPrompt, batch, encoded))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long corpusSize = blocks.map(b -> (long) b.ids().length).reduce(Long::sum);
        Map<String, Long> positiveIds = positiveIds(jsc, docs, pairs);
        double encodeSeconds = (System.nanoTime() - t0) / 1e9;
        double searchSeconds = 0;
        String description = "dense " + so.embedding().model() + ", exact on Spark (" + partitions + " partitions)";
        try {
            for (int first = 0; first < queries.size(); first += so.queryBlock()) {
                List<String> block = queries.subList(first, Math.min(queries.size(), first + so.queryBlock()));
                long e0 = System.nanoTime();
                float[] vectors = encodeQueries(jsc, block, so, partitions, encoded);
                long s0 = System.nanoTime();
                encodeSeconds += (s0 - e0) / 1e9;
                List<TextPair> blockPairs = new ArrayList<>();
                block.forEach(q -> blockPairs.addAll(pairsOf.get(q)));
                TopCandidates[] results =
                        search(jsc, blocks, vectors, block.size(), positivesOf(blockPairs, positiveIds), k, scored);
                searchSeconds += (System.nanoTime() - s0) / 1e9;
                Set<Long> wanted = new HashSet<>();
                blockPairs.forEach(p -> wanted.add(positiveIds.get(p.document())));
                for (TopCandidates r : results) {
                    for (long id : r.ids()) {
                        wanted.add(id);
                    }
                }
                Broadcast<Set<Long>> wantedB = jsc.broadcast(wanted);
                TreeMap<Long, String> texts = new TreeMap<>(
                        docs.filter(t -> wantedB.value().contains(t._1())).collectAsMap());
                wantedB.destroy();
                long[] globalIds =
                        texts.keySet().stream().mapToLong(Long::longValue).toArray();
                MiningData compact = new MiningData(
                        so.anchorColumn(), so.positiveColumn(), blockPairs, new ArrayList<>(texts.values()));
                CandidateSource source = new PrecomputedCandidates(
                        block, globalIds, results, k, description, new CandidateSource.RetrievalTimings(0, 0, 0, 0));
                sink.accept(miner.mine(compact, source));
            }
        } finally {
            docs.unpersist(false);
            blocks.unpersist(false);
        }
        MiningReport report = miner.report(
                description,
                (int) Math.min(Integer.MAX_VALUE, corpusSize),
                new CandidateSource.RetrievalTimings(
                        encodeSeconds, searchSeconds, (int) Math.min(Integer.MAX_VALUE, encoded.value()), 0));
        return new MiningRun(miner, report);
    }

    /** For each positive's global id, the block-local indices of the block's anchors it is a positive of. */
    private static Map<Long, int[]> positivesOf(List<TextPair> blockPairs, Map<String, Long> positiveIds) {
        Map<String, Integer> queryIndex = new HashMap<>();
        Map<Long, List<Integer>> of = new HashMap<>();
        for (TextPair p : blockPairs) {
            int q = queryIndex.computeIfAbsent(p.query(), x -> queryIndex.size());
            List<Integer> qs = of.computeIfAbsent(positiveIds.get(p.document()), x -> new ArrayList<>());
            if (!qs.contains(q)) {
                qs.add(q);
            }
        }
        Map<Long, int[]> out = new HashMap<>();
        of.forEach(
                (id, qs) -> out.put(id, qs.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /** (global id, text) of every distinct corpus text and positive, id = the text's first position. */
    private static JavaPairRDD<Long, String> globalIds(
            JavaSparkContext jsc,
            List<TextPair> pairs,
            Optional<Dataset<Row>> corpusFrame,
            String corpusColumn,
            int partitions) {
        JavaPairRDD<String, Long> corpus = corpusFrame.isPresent()
                ? Frames.texts(corpusFrame.get(), corpusColumn)
                : jsc.parallelizePairs(List.<Tuple2<String, Long>>of());
        long offset = corpusFrame.isPresent() ? corpus.count() : 0;
        List<Tuple2<String, Long>> positives = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            positives.add(new Tuple2<>(pairs.get(i).document(), offset + i));
        }
        return corpus.union(jsc.parallelizePairs(positives, partitions))
                .reduceByKey(Math::min, partitions)
                .mapToPair(t -> new Tuple2<>(t._2(), t._1()));
    }

    private static Map<String, Long> positiveIds(
            JavaSparkContext jsc, JavaPairRDD<Long, String> docs, List<TextPair> pairs) {
        Set<String> positives = new HashSet<>();
        pairs.forEach(p -> positives.add(p.document()));
        Broadcast<Set<String>> b = jsc.broadcast(positives);
        Map<String, Long> ids = new HashMap<>();
        docs.filter(t -> b.value().contains(t._2())).collect().forEach(t -> ids.put(t._2(), t._1()));
        b.destroy();
        return ids;
    }

    /** The anchors' unit-length embeddings, row-major, encoded on the executors. */
    private static float[] encodeQueries(
            JavaSparkContext jsc,
            List<String> queries,
            SparkMiningOptions so,
            int partitions,
            LongAccumulator encoded) {
        List<Tuple2<Integer, String>> indexed = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            indexed.add(new Tuple2<>(i, queries.get(i)));
        }
        ModelSpec spec = so.embedding();
        String prompt = so.queryPrompt().orElse(null);
        int batch = so.mining().batchSize();
        List<float[]> parts = jsc.parallelize(indexed, Math.max(1, Math.min(partitions, queries.size())))
                .mapPartitions(it -> {
                    List<String> texts = new ArrayList<>();
                    it.forEachRemaining(t -> texts.add(t._2()));
                    if (texts.isEmpty()) {
                        return new ArrayList<float[]>().iterator();
                    }
                    EmbeddingModel model = ExecutorModels.embedder(spec);
                    Embeddings e = model.encode(texts, CorpusBlocks.options(model, prompt, batch, true));
                    encoded.add(texts.size());
                    return List.of(e.values()).iterator();
                })
                .collect();
        int total = parts.stream().mapToInt(p -> p.length).sum();
        float[] out = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The merged top-k of one block of queries (block-local indices 0..queries-1) over every corpus block. */
    private static TopCandidates[] search(
            JavaSparkContext jsc,
            JavaRDD<CorpusBlocks.Block> blocks,
            float[] queryVectors,
            int queries,
            Map<Long, int[]> positivesOf,
            int k,
            LongAccumulator scored) {
        int dimension = queryVectors.length / queries;
        int partitions = blocks.getNumPartitions();
        TopCandidates none = new TopCandidates(new long[0], new float[0], new long[0], new float[0]);
        Broadcast<CorpusBlocks.Queries> q =
                jsc.broadcast(new CorpusBlocks.Queries(0, queries, dimension, queryVectors, positivesOf, k));
        try {
            Map<Integer, TopCandidates> merged = blocks.flatMapToPair(b -> CorpusBlocks.search(b, q.value(), scored))
                    .reduceByKey((a, b) -> TopCandidates.merge(a, b, k), partitions)
                    .collectAsMap();
            TopCandidates[] results = new TopCandidates[queries];
            for (int r = 0; r < queries; r++) {
                results[r] = merged.getOrDefault(r, none);
            }
            return results;
        } finally {
            q.destroy();
        }
    }
}
