package dev.rerank4j.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rerank4j.embed.Embeddings;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Exact chunked search against brute force: same documents in the same order, same scores. */
class ExactVectorSearchTest {
    static Embeddings random(int rows, int dim, long seed) {
        Random r = new Random(seed);
        float[] v = new float[rows * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Embeddings(rows, dim, v);
    }

    /** Every document sorted by exact (double) inner product, best first; ties by index. */
    static Integer[] bruteForce(Embeddings queries, int q, Embeddings corpus) {
        double[] s = new double[corpus.rows()];
        for (int d = 0; d < corpus.rows(); d++) {
            for (int j = 0; j < corpus.dimension(); j++) {
                s[d] += (double) queries.get(q, j) * corpus.get(d, j);
            }
        }
        return IntStream.range(0, corpus.rows())
                .boxed()
                .sorted(Comparator.comparingDouble((Integer d) -> -s[d]).thenComparingInt(d -> d))
                .toArray(Integer[]::new);
    }

    @Test
    void chunkedSearchEqualsBruteForce() {
        Embeddings corpus = random(1000, 24, 1);
        Embeddings queries = random(57, 24, 2);
        int k = 15;
        // blocks that do not divide the sizes: every merge path runs
        Neighbours got = new ExactVectorSearch(corpus, 8, 97).search(queries, k);
        assertThat(got.queries()).isEqualTo(57);
        assertThat(got.k()).isEqualTo(k);
        for (int q = 0; q < queries.rows(); q++) {
            Integer[] expected = bruteForce(queries, q, corpus);
            for (int r = 0; r < k; r++) {
                assertThat(got.id(q, r)).as("query %d rank %d", q, r).isEqualTo(expected[r]);
                assertThat(got.score(q, r)).isCloseTo(queries.dot(q, corpus, expected[r]), within(1e-4f));
            }
        }
        Neighbours oneBlock = new ExactVectorSearch(corpus).search(queries, k);
        assertThat(oneBlock.ids())
                .as("block sizes change float rounding, not the ranking")
                .containsExactly(got.ids());
    }

    @Test
    void padsWithMinusOneWhenTheCorpusIsSmallerThanK() {
        Embeddings corpus = new Embeddings(3, 2, new float[] {1, 0, 0, 1, 0.6f, 0.8f});
        Embeddings query = new Embeddings(1, 2, new float[] {1, 0});
        Neighbours n = new ExactVectorSearch(corpus, 1, 2).search(query, 5);
        assertThat(n.idsOf(0)).containsExactly(0, 2, 1, -1, -1);
        assertThat(n.scoresOf(0)).containsExactly(1f, 0.6f, 0f, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY);
    }

    @Test
    void tiesKeepTheLowerIndex() {
        Embeddings corpus = new Embeddings(4, 1, new float[] {1, 2, 2, 1});
        Neighbours n = new ExactVectorSearch(corpus, 1, 1).search(new Embeddings(1, 1, new float[] {1}), 4);
        assertThat(n.idsOf(0)).containsExactly(1, 2, 0, 3);
    }

    @Test
    void rejectsBadArguments() {
        Embeddings corpus = random(4, 3, 1);
        ExactVectorSearch search = new ExactVectorSearch(corpus);
        assertThatThrownBy(() -> search.search(random(1, 2, 1), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 2")
                .hasMessageContaining("3");
        assertThatThrownBy(() -> search.search(random(1, 3, 1), 0)).hasMessage("k must be >= 1, got 0");
        assertThatThrownBy(() -> new ExactVectorSearch(corpus, 0, 1)).hasMessageContaining("queryChunk");
        assertThat(Arrays.stream(search.search(random(2, 3, 5), 4).ids()).min().getAsInt())
                .isZero();
    }
}
