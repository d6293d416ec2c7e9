package dev.rerank4j.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.data.TextFiles;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.EmbeddingOptions;
import dev.rerank4j.embed.Embeddings;
import dev.rerank4j.embed.EncodeOptions;
import dev.rerank4j.hub.BundledMiniLm;
import dev.rerank4j.testing.DataSuite;
import dev.rerank4j.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HNSW recall@10 against exact search. The default suite searches seeded, clustered unit vectors (as sentence
 * embeddings cluster by topic); the data suite searches a real corpus: the 5,183 SciFact abstracts and 1,109 claims
 * embedded with the offline all-MiniLM-L6-v2. Abstracts are cut at 24 tokens to keep that test short on two cores;
 * the vectors are still real sentence embeddings of real text.
 */
class HnswRecallTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recallAtTenOnClusteredVectorsIsAtLeast95PercentOfExactSearch() {
        Random random = new Random(20240611L);
        int dimension = 48;
        float[][] centres = new float[60][dimension];
        for (float[] centre : centres) {
            for (int d = 0; d < dimension; d++) {
                centre[d] = (float) random.nextGaussian();
            }
        }
        Embeddings docs = clustered(random, centres, 5000);
        Embeddings queries = clustered(random, centres, 500);
        assertSearchRecall(docs, queries, "clustered vectors");
    }

    @Test
    @Tag("slow")
    @DataSuite
    void recallAtTenOnSciFactIsAtLeast95PercentOfExactSearch(@TempDir Path cache) throws Exception {
        List<String> corpus = texts(SharedData.path("datasets/beir-scifact/corpus.jsonl"));
        List<String> claims = texts(SharedData.path("datasets/beir-scifact/queries.jsonl"));
        assertThat(corpus).hasSize(5183);
        assertThat(claims).hasSize(1109);
        Embeddings docs;
        Embeddings queries;
        EncodeOptions options = EncodeOptions.defaults().withBatchSize(64).withProgress(ProgressMode.OFF);
        long t0 = System.nanoTime();
        try (EmbeddingModel model = EmbeddingModel.load(
                BundledMiniLm.materialize(cache), EmbeddingOptions.defaults().withMaxSeqLength(24))) {
            docs = model.encode(corpus, options);
            queries = model.encode(claims, options);
        }
        System.out.printf("SciFact encoding took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertSearchRecall(docs, queries, "SciFact");
    }

    /** Unit vectors, each a random centre plus Gaussian noise of 0.6 per coordinate. */
    private static Embeddings clustered(Random random, float[][] centres, int rows) {
        int dimension = centres[0].length;
        float[] values = new float[rows * dimension];
        for (int r = 0; r < rows; r++) {
            float[] centre = centres[random.nextInt(centres.length)];
            double norm = 0;
            for (int d = 0; d < dimension; d++) {
                float v = centre[d] + 0.6f * (float) random.nextGaussian();
                values[r * dimension + d] = v;
                norm += v * v;
            }
            for (int d = 0; d < dimension; d++) {
                values[r * dimension + d] /= (float) Math.sqrt(norm);
            }
        }
        return new Embeddings(rows, dimension, values);
    }

    private static void assertSearchRecall(Embeddings docs, Embeddings queries, String name) {
        Neighbours exact = new ExactVectorSearch(docs).search(queries, 10);
        Neighbours approx;
        Neighbours narrow;
        try (HnswVectorSearch hnsw = HnswVectorSearch.build(docs, HnswOptions.defaults())) {
            approx = hnsw.search(queries, 10);
            narrow = HnswVectorSearchNarrow.search(hnsw, docs, queries);
        }
        double recall = recall(exact, approx);
        System.out.printf(
                "HNSW recall@10 on %s (%d docs, %d queries): %.4f with efSearch 100, %.4f with efSearch 10%n",
                name, docs.rows(), queries.rows(), recall, recall(exact, narrow));
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
        for (int q = 0; q < queries.rows(); q++) {
            for (int r = 0; r < 10; r++) {
                int id = approx.id(q, r);
                assertThat(approx.score(q, r))
                        .as("HNSW scores are exact inner products")
                        .isCloseTo(queries.dot(q, docs, id), within(1e-6f));
            }
        }
    }

    static double recall(Neighbours exact, Neighbours approx) {
        long found = 0;
        for (int q = 0; q < exact.queries(); q++) {
            Set<Integer> truth = new HashSet<>();
            for (int id : exact.idsOf(q)) {
                truth.add(id);
            }
            for (int id : approx.idsOf(q)) {
                found += truth.contains(id) ? 1 : 0;
            }
        }
        return (double) found / ((long) exact.queries() * exact.k());
    }

    static List<String> texts(Path jsonl) throws Exception {
        List<String> out = new ArrayList<>();
        TextFiles.forEachLine(
                jsonl, (line, n) -> out.add(JSON.readTree(line).path("text").asText()));
        return out;
    }

    /** The same graph searched with efSearch = k = 10, for the record. */
    static final class HnswVectorSearchNarrow {
        static Neighbours search(HnswVectorSearch built, Embeddings docs, Embeddings queries) {
            try (HnswVectorSearch narrow =
                    HnswVectorSearch.build(docs, HnswOptions.defaults().withEfSearch(10))) {
                return narrow.search(queries, 10);
            }
        }
    }
}
