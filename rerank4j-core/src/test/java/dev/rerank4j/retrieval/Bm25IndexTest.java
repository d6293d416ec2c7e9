package dev.rerank4j.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.SmallFloat;
import org.junit.jupiter.api.Test;

/**
 * BM25 scores checked against the formula with term statistics counted by hand. Lucene's BM25Similarity scores
 * {@code idf * tf / (tf + k1 * (1 - b + b * dl / avgdl))} with {@code idf = ln(1 + (N - n + 0.5) / (n + 0.5))}; the
 * document length is stored in one byte ({@code SmallFloat.intToByte4}), exact below 24 tokens, so the first corpus
 * stays below that and the last test checks the lossy case.
 */
class Bm25IndexTest {
    private static final double K1 = 0.9;
    private static final double B = 0.4;

    // After EnglishAnalyzer (lowercase, stopwords, Porter): lengths 2, 3, 2, 4, 1 -> N = 5, avgdl = 12 / 5
    private static final List<CorpusDocument> CORPUS = List.of(
            new CorpusDocument("d1", "Cat", "dog"), // cat dog
            new CorpusDocument("d2", "", "Cats cat fish"), // cat cat fish
            new CorpusDocument("d3", "", "The dog and the bird"), // dog bird ("the", "and" are stopwords)
            new CorpusDocument("d4", "", "fish fish fish cow"), // fish x3 cow
            new CorpusDocument("d5", "", "bird")); // bird

    private static final double AVGDL = 12 / 5.0;

    private static double idf(int docFreq) {
        return Math.log(1 + (5 - docFreq + 0.5) / (docFreq + 0.5));
    }

    private static double term(double idf, int tf, double dl, double avgdl) {
        return idf * tf / (tf + K1 * (1 - B + B * dl / avgdl));
    }

    @Test
    void scoresMatchTheFormulaWithHandCountedStatistics() {
        try (Bm25Index index = Bm25Index.build(CORPUS, Bm25Params.ANSERINI)) {
            assertThat(index.size()).isEqualTo(5);
            // cat: df 2 (d1, d2); fish: df 2 (d2, d4)
            double d2 = term(idf(2), 2, 3, AVGDL) + term(idf(2), 1, 3, AVGDL);
            double d4 = term(idf(2), 3, 4, AVGDL);
            double d1 = term(idf(2), 1, 2, AVGDL);
            List<Hit> hits = index.search("cat fish", 10);
            assertThat(hits).extracting(Hit::docId).containsExactly("d2", "d4", "d1");
            assertThat(hits.get(0).score()).isCloseTo((float) d2, within(1e-5f));
            assertThat(hits.get(1).score()).isCloseTo((float) d4, within(1e-5f));
            assertThat(hits.get(2).score()).isCloseTo((float) d1, within(1e-5f));
        }
    }

    @Test
    void stopwordsDoNotCountInDocumentLength() {
        try (Bm25Index index = Bm25Index.build(CORPUS, Bm25Params.ANSERINI)) {
            // bird: df 2 (d3 with length 2 after dropping "the", "and", "the"; d5 with length 1)
            List<Hit> hits = index.search("bird", 10);
            assertThat(hits).extracting(Hit::docId).containsExactly("d5", "d3");
            assertThat(hits.get(1).score()).isCloseTo((float) term(idf(2), 1, 2, AVGDL), within(1e-5f));
        }
    }

    @Test
    void repeatedQueryTermsAreBoostedByTheirCount() {
        try (Bm25Index index = Bm25Index.build(CORPUS, Bm25Params.ANSERINI)) {
            assertThat(index.analyze("Cats, cat and DOG!")).isEqualTo(Map.of("cat", 2, "dog", 1));
            double d1 = 2 * term(idf(2), 1, 2, AVGDL) + term(idf(2), 1, 2, AVGDL);
            double d2 = 2 * term(idf(2), 2, 3, AVGDL);
            double d3 = term(idf(2), 1, 2, AVGDL);
            List<Hit> hits = index.search("cat cat dog", 10);
            assertThat(hits).extracting(Hit::docId).containsExactly("d1", "d2", "d3");
            assertThat(hits.get(0).score()).isCloseTo((float) d1, within(1e-5f));
            assertThat(hits.get(1).score()).isCloseTo((float) d2, within(1e-5f));
            assertThat(hits.get(2).score()).isCloseTo((float) d3, within(1e-5f));
        }
    }

    @Test
    void topKTruncatesAndStopwordOnlyQueriesFindNothing() {
        try (Bm25Index index = Bm25Index.build(CORPUS, Bm25Params.ANSERINI)) {
            assertThat(index.search("cat fish", 1)).extracting(Hit::docId).containsExactly("d2");
            assertThat(index.search("the and of", 10)).isEmpty();
            assertThat(index.search("unicorn", 10)).isEmpty();
        }
    }

    @Test
    void otherParametersChangeTheScores() {
        try (Bm25Index index = Bm25Index.build(CORPUS, new Bm25Params(1.2f, 0.75f))) {
            double cow = idf(1) * 1 / (1 + 1.2 * (1 - 0.75 + 0.75 * 4 / AVGDL));
            assertThat(index.search("cow", 10).get(0).score()).isCloseTo((float) cow, within(1e-5f));
        }
    }

    @Test
    void longDocumentLengthsAreStoredLossily() {
        List<CorpusDocument> corpus = new ArrayList<>();
        corpus.add(new CorpusDocument("long", "", "fish" + " cow".repeat(40))); // 41 tokens
        corpus.add(new CorpusDocument("short", "", "fish cow"));
        int stored = SmallFloat.byte4ToInt(SmallFloat.intToByte4(41));
        assertThat(stored).isEqualTo(40); // one byte keeps 4 significant bits above 24
        double avgdl = 43 / 2.0; // the average uses the exact total term count
        try (Bm25Index index = Bm25Index.build(corpus, Bm25Params.ANSERINI)) {
            Hit longHit = index.search("fish", 10).get(1);
            assertThat(longHit.docId()).isEqualTo("long");
            double idf = Math.log(1 + (2 - 2 + 0.5) / (2 + 0.5));
            assertThat(longHit.score())
                    .isCloseTo((float) (idf / (1 + K1 * (1 - B + B * stored / avgdl))), within(1e-6f));
        }
    }
}
