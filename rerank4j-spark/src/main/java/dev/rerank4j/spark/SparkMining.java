package dev.rerank4j.spark;

import dev.rerank4j.TextPair;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.Embeddings;
import dev.rerank4j.mining.CandidateSource;
import dev.rerank4j.mining.HardNegativeMiner;
import dev.rerank4j.mining.MinedDataset;
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
 * Hard-negative mining at corpus scale. The driver holds the (anchor, positive) pairs and, at the end, the texts of
 * the candidates; the corpus itself stays distributed:
 *
 * <ol>
 *   <li>every corpus row and every positive gets a global id (corpus rows first, then the pairs' positives, in input
 *       order); a text's id is its first occurrence, which reproduces core's {@code dict.fromkeys(corpus +
 *       positives)} order, the order ties are broken by;
 *   <li>each corpus partition is encoded into one block of unit-length embeddings (cached);
 *   <li>anchors are encoded on the executors and broadcast in blocks; each corpus block computes every query's exact
 *       top-k with core's {@code ExactVectorSearch} and the scores of the positives it holds;
 *   <li>the partial top-k lists are merged per query (a bounded merge, associative, so retries and task order never
 *       change the result);
 *   <li>core's {@link HardNegativeMiner} then runs on the driver over the merged candidates: the same filters,
 *       range, sampling, cross-encoder rescoring (on the executors) and output format as {@code rerank4j mine}.
 * </ol>
 */
final class SparkMining {
    private SparkMining() {}

    static MinedDataset mine(Dataset<Row> pairsFrame, Optional<Dataset<Row>> corpusFrame, SparkMiningOptions so) {
        JavaSparkContext jsc =
                JavaSparkContext.fromSparkContext(pairsFrame.sparkSession().sparkContext());
        ExecutorModels.checkOnDriver(so.embedding(), "model");
        so.crossEncoder().ifPresent(ce -> ExecutorModels.checkOnDriver(ce, "cross-encoder"));
        MiningOptions o = so.mining();
        int partitions = so.partitions() > 0 ? so.partitions() : jsc.defaultParallelism();
        List<TextPair> pairs = Frames.pairs(pairsFrame, so.anchorColumn(), so.positiveColumn());

        Map<String, Integer> rowsPerAnchor = new LinkedHashMap<>();
        pairs.forEach(p -> rowsPerAnchor.merge(p.query(), 1, Integer::sum));
        List<String> queries = List.copyOf(rowsPerAnchor.keySet());
        int maxPositives = rowsPerAnchor.values().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(0);
        int k = o.effectiveRangeMax(maxPositives) + maxPositives;

        long t0 = System.nanoTime();
        JavaPairRDD<Long, String> docs = globalIds(jsc, pairs, corpusFrame, so.corpusColumn(), partitions)
                .persist(StorageLevel.MEMORY_AND_DISK());
        LongAccumulator encoded = jsc.sc().longAccumulator("rerank4j: texts encoded");
        ModelSpec embedding = so.embedding();
        String corpusPrompt = so.corpusPrompt().orElse(null);
        int batch = o.batchSize();
        JavaRDD<CorpusBlocks.Block> blocks = docs.mapPartitions(
                        it -> CorpusBlocks.encode(it, embedding, corpusPrompt, batch, encoded))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long corpusSize = blocks.map(b -> (long) b.ids().length).reduce(Long::sum);
        float[] queryVectors = encodeQueries(jsc, queries, so, partitions, encoded);
        long t1 = System.nanoTime();

        Map<String, Long> positiveIds = positiveIds(jsc, docs, pairs);
        Map<Long, List<Integer>> positivesOf = new HashMap<>();
        Map<String, Integer> queryIndex = new HashMap<>();
        for (String q : queries) {
            queryIndex.put(q, queryIndex.size());
        }
        for (TextPair p : pairs) {
            int q = queryIndex.get(p.query());
            long id = positiveIds.get(p.document());
            List<Integer> of = positivesOf.computeIfAbsent(id, x -> new ArrayList<>());
            if (!of.contains(q)) {
                of.add(q);
            }
        }
        Map<Long, int[]> positivesOfArrays = new HashMap<>();
        positivesOf.forEach((id, qs) -> positivesOfArrays.put(
                id, qs.stream().mapToInt(Integer::intValue).toArray()));

        TopCandidates[] results = search(jsc, blocks, queryVectors, queries.size(), positivesOfArrays, k, so);
        long t2 = System.nanoTime();

        Set<Long> wanted = new HashSet<>(positiveIds.values());
        for (TopCandidates r : results) {
            for (long id : r.ids()) {
                wanted.add(id);
            }
        }
        Broadcast<Set<Long>> wantedB = jsc.broadcast(wanted);
        TreeMap<Long, String> texts =
                new TreeMap<>(docs.filter(t -> wantedB.value().contains(t._1())).collectAsMap());
        wantedB.destroy();
        docs.unpersist(false);
        blocks.unpersist(false);

        long[] globalIds = texts.keySet().stream().mapToLong(Long::longValue).toArray();
        MiningData compact =
                new MiningData(so.anchorColumn(), so.positiveColumn(), pairs, new ArrayList<>(texts.values()));
        String description = "dense " + so.embedding().model() + ", exact on Spark (" + partitions + " partitions)";
        CandidateSource source = new PrecomputedCandidates(
                queries,
                globalIds,
                results,
                k,
                description,
                new CandidateSource.RetrievalTimings(
                        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (int) Math.min(Integer.MAX_VALUE, encoded.value()), 0));
        MinedDataset mined = so.crossEncoder().isPresent()
                ? HardNegativeMiner.mineHardNegatives(
                        compact,
                        source,
                        new SparkPairScorer(jsc, so.crossEncoder().get(), partitions, batch),
                        o)
                : HardNegativeMiner.mineHardNegatives(compact, source, o);
        return withCorpusSize(mined, corpusSize);
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

    private static TopCandidates[] search(
            JavaSparkContext jsc,
            JavaRDD<CorpusBlocks.Block> blocks,
            float[] queryVectors,
            int queries,
            Map<Long, int[]> positivesOf,
            int k,
            SparkMiningOptions so) {
        int dimension = queryVectors.length / queries;
        int partitions = blocks.getNumPartitions();
        LongAccumulator scored = jsc.sc().longAccumulator("rerank4j: query-document scores");
        TopCandidates[] results = new TopCandidates[queries];
        TopCandidates none = new TopCandidates(new long[0], new float[0], new long[0], new float[0]);
        for (int first = 0; first < queries; first += so.queryBlock()) {
            int rows = Math.min(so.queryBlock(), queries - first);
            float[] values = java.util.Arrays.copyOfRange(queryVectors, first * dimension, (first + rows) * dimension);
            Broadcast<CorpusBlocks.Queries> q =
                    jsc.broadcast(new CorpusBlocks.Queries(first, rows, dimension, values, positivesOf, k));
            Map<Integer, TopCandidates> merged = blocks.flatMapToPair(b -> CorpusBlocks.search(b, q.value(), scored))
                    .reduceByKey((a, b) -> TopCandidates.merge(a, b, k), partitions)
                    .collectAsMap();
            for (int r = 0; r < rows; r++) {
                results[first + r] = merged.getOrDefault(first + r, none);
            }
            q.destroy();
        }
        return results;
    }

    private static MinedDataset withCorpusSize(MinedDataset m, long corpusSize) {
        MiningReport r = m.report();
        MiningReport report = new MiningReport(
                r.source(),
                r.inputRows(),
                r.anchors(),
                (int) Math.min(Integer.MAX_VALUE, corpusSize),
                r.maxPositives(),
                r.rangeMax(),
                r.rescored(),
                r.positive(),
                r.negative(),
                r.difference(),
                r.filters(),
                r.anchorsShort(),
                r.missingSamples(),
                r.outputRows(),
                r.timings(),
                r.notes());
        return new MinedDataset(m.format(), m.columns(), m.outputScores(), m.rows(), report);
    }
}
