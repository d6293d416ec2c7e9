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
import dev.rerank4j.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HNSW recall@10 against exact search on a real corpus: the 5,183 SciFact abstracts and 1,109 claims embedded with the
 * offline all-MiniLM-L6-v2. Abstracts are cut at 24 tokens to keep the test short on two cores; the vectors are still
 * real sentence embeddings of real text.
 */
@Tag("slow")
class HnswRecallTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recallAtTenIsAtLeast95PercentOfExactSearch(@TempDir Path cache) throws Exception {
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
        double encodeS = (System.nanoTime() - t0) / 1e9;
        Neighbours exact = new ExactVectorSearch(docs).search(queries, 10);
        Neighbours approx;
        Neighbours narrow;
        try (HnswVectorSearch hnsw = HnswVectorSearch.build(docs, HnswOptions.defaults())) {
            approx = hnsw.search(queries, 10);
            narrow = HnswVectorSearchNarrow.search(hnsw, docs, queries);
        }
        double recall = recall(exact, approx);
        System.out.printf(
                "HNSW recall@10 on SciFact (%d docs, %d queries): %.4f with efSearch 100, %.4f with efSearch 10;"
                        + " encoding took %.1f s%n",
                docs.rows(), queries.rows(), recall, recall(exact, narrow), encodeS);
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
