package dev.rerank4j.spark;

import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.Embeddings;
import dev.rerank4j.embed.EncodeOptions;
import dev.rerank4j.embed.Normalization;
import dev.rerank4j.retrieval.ExactVectorSearch;
import dev.rerank4j.retrieval.Neighbours;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The corpus side of distributed exact search: each partition of (global id, text) rows becomes one {@link Block} of
 * unit-length embeddings in ascending id order, and each block answers a broadcast {@link Queries} block with core's
 * {@link ExactVectorSearch} (so every score is the one the single-JVM miner computes, bit for bit, from the same
 * embeddings) plus the scores of the queries' positives it holds ({@link Embeddings#dot}, as core's dense candidates).
 */
final class CorpusBlocks {
    private CorpusBlocks() {}

    /**
     * One partition's documents.
     *
     * @param ids global ids, ascending
     * @param dimension embedding size (0 for an empty block)
     * @param values row-major embeddings
     */
    record Block(long[] ids, int dimension, float[] values) implements Serializable {
        private static final long serialVersionUID = 1L;

        Embeddings embeddings() {
            return new Embeddings(ids.length, dimension, values);
        }
    }

    /**
     * A block of queries, broadcast to every corpus partition.
     *
     * @param first the global index of the first query
     * @param rows queries in the block
     * @param dimension embedding size
     * @param values row-major unit-length query embeddings
     * @param positivesOf for each global document id that is a positive, the global indices of its queries
     * @param k candidates per query
     */
    record Queries(int first, int rows, int dimension, float[] values, Map<Long, int[]> positivesOf, int k)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Encodes one partition of (id, text) rows into a block, texts sorted by id. */
    static Iterator<Block> encode(
            Iterator<Tuple2<Long, String>> rows,
            ModelSpec spec,
            String promptOrNull,
            int batchSize,
            LongAccumulator encoded) {
        List<Tuple2<Long, String>> docs = new ArrayList<>();
        rows.forEachRemaining(docs::add);
        docs.sort(Comparator.comparing(Tuple2::_1));
        long[] ids = new long[docs.size()];
        List<String> texts = new ArrayList<>(docs.size());
        for (int i = 0; i < ids.length; i++) {
            ids[i] = docs.get(i)._1();
            texts.add(docs.get(i)._2());
        }
        if (texts.isEmpty()) {
            return List.of(new Block(ids, 0, new float[0])).iterator();
        }
        EmbeddingModel model = ExecutorModels.embedder(spec);
        Embeddings e = model.encode(texts, options(model, promptOrNull, batchSize, false));
        encoded.add(texts.size());
        return List.of(new Block(ids, e.dimension(), e.values())).iterator();
    }

    /** Mining's encode options: unit length, the model's query or document prompt unless one is given. */
    static EncodeOptions options(EmbeddingModel model, String promptOrNull, int batchSize, boolean query) {
        String prompt = promptOrNull != null
                ? promptOrNull
                : model.prompts()
                        .resolve(query ? dev.rerank4j.embed.PromptRole.QUERY : dev.rerank4j.embed.PromptRole.DOCUMENT);
        return EncodeOptions.defaults()
                .withBatchSize(batchSize)
                .withNormalization(Normalization.UNIT_LENGTH)
                .withPrompt(prompt);
    }

    /** The per-query top-k and positive scores of one block against one query block. */
    static Iterator<Tuple2<Integer, TopCandidates>> search(Block block, Queries q, LongAccumulator scored) {
        List<Tuple2<Integer, TopCandidates>> out = new ArrayList<>();
        int n = block.ids().length;
        if (n == 0) {
            return out.iterator();
        }
        Embeddings docs = block.embeddings();
        Embeddings qs = new Embeddings(q.rows(), q.dimension(), q.values());
        int k = Math.min(q.k(), n);
        Neighbours found = new ExactVectorSearch(docs).search(qs, k);
        List<List<long[]>> pos = positives(block, q, docs, qs);
        for (int r = 0; r < q.rows(); r++) {
            long[] ids = new long[k];
            float[] scores = new float[k];
            for (int j = 0; j < k; j++) {
                ids[j] = block.ids()[found.id(r, j)];
                scores[j] = found.score(r, j);
            }
            List<long[]> p = pos.get(r);
            long[] pIds = new long[p.size()];
            float[] pScores = new float[p.size()];
            for (int j = 0; j < p.size(); j++) {
                pIds[j] = p.get(j)[0];
                pScores[j] = Float.intBitsToFloat((int) p.get(j)[1]);
            }
            out.add(new Tuple2<>(q.first() + r, new TopCandidates(ids, scores, pIds, pScores)));
        }
        scored.add((long) n * q.rows());
        return out.iterator();
    }

    /** Per query of the block, its positives held by this block as {id, float bits}, ascending id. */
    private static List<List<long[]>> positives(Block block, Queries q, Embeddings docs, Embeddings qs) {
        List<List<long[]>> out = new ArrayList<>(q.rows());
        for (int r = 0; r < q.rows(); r++) {
            out.add(new ArrayList<>());
        }
        for (int d = 0; d < block.ids().length; d++) {
            int[] queries = q.positivesOf().get(block.ids()[d]);
            if (queries == null) {
                continue;
            }
            for (int query : queries) {
                int r = query - q.first();
                if (r >= 0 && r < q.rows()) {
                    float s = qs.dot(r, docs, d);
                    out.get(r).add(new long[] {block.ids()[d], Float.floatToRawIntBits(s)});
                }
            }
        }
        return out;
    }
}
