package dev.rerank4j.mining;

import dev.rerank4j.retrieval.Neighbours;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Lexical candidates: Lucene BM25 (Robertson and Zaragoza, 2009; Lucene's {@code BM25Similarity}) over the corpus
 * analysed with Lucene's {@code EnglishAnalyzer} (lower-casing, English stop words, Porter stemming). Each query is
 * the sum of its distinct terms, each boosted by how often it occurs (the same score as one clause per occurrence);
 * queries with more distinct terms than Lucene's clause limit keep the first ones. Positives get their BM25 score
 * for the query; documents sharing no term with a query are not candidates.
 *
 * @param k1 term-frequency saturation, Lucene's default 1.2
 * @param b length normalisation, Lucene's default 0.75
 */
public record LexicalCandidates(float k1, float b) implements CandidateSource {
    private static final String FIELD = "t";

    public LexicalCandidates {
        if (!(k1 >= 0) || !Float.isFinite(k1)) {
            throw new IllegalArgumentException("k1 must be a finite number >= 0, got " + k1);
        }
        if (!(b >= 0 && b <= 1)) {
            throw new IllegalArgumentException("b must be in [0, 1], got " + b);
        }
    }

    /** BM25 with Lucene's defaults (k1 = 1.2, b = 0.75). */
    public static LexicalCandidates bm25() {
        return new LexicalCandidates(1.2f, 0.75f);
    }

    @Override
    public Retrieved retrieve(List<String> queries, List<String> corpus, List<int[]> positives, int k, int batchSize) {
        long t0 = System.nanoTime();
        BM25Similarity similarity = new BM25Similarity(k1, b);
        try (Analyzer analyzer = new EnglishAnalyzer();
                Directory dir = new ByteBuffersDirectory()) {
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setSimilarity(similarity)
                    .setMergePolicy(new LogDocMergePolicy())
                    .setRAMBufferSizeMB(256);
            try (IndexWriter writer = new IndexWriter(dir, config)) {
                for (String text : corpus) {
                    Document doc = new Document();
                    doc.add(new TextField(FIELD, text, Field.Store.NO));
                    writer.addDocument(doc);
                }
                writer.forceMerge(1);
            }
            long t1 = System.nanoTime();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                int[] ids = new int[queries.size() * k];
                float[] scores = new float[queries.size() * k];
                Arrays.fill(ids, -1);
                Arrays.fill(scores, Float.NEGATIVE_INFINITY);
                List<float[]> positiveScores = new ArrayList<>(queries.size());
                for (int q = 0; q < queries.size(); q++) {
                    Query query = query(analyzer, queries.get(q));
                    TopDocs top = searcher.search(query, k);
                    ScoreDoc[] docs = top.scoreDocs;
                    for (int r = 0; r < docs.length; r++) {
                        ids[q * k + r] = docs[r].doc;
                        scores[q * k + r] = docs[r].score;
                    }
                    int[] p = positives.get(q);
                    float[] ps = new float[p.length];
                    for (int i = 0; i < p.length; i++) {
                        ps[i] = searcher.explain(query, p[i]).getValue().floatValue();
                    }
                    positiveScores.add(ps);
                }
                long t2 = System.nanoTime();
                return new Retrieved(
                        new Neighbours(queries.size(), k, ids, scores),
                        positiveScores,
                        new RetrievalTimings((t1 - t0) / 1e9, (t2 - t1) / 1e9, corpus.size(), 0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("BM25 search failed: " + e.getMessage(), e);
        }
    }

    /** The distinct analysed terms of {@code text} as SHOULD clauses, each boosted by its count. */
    static Query query(Analyzer analyzer, String text) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream ts = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                counts.merge(term.toString(), 1, Integer::sum);
            }
            ts.end();
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        int clauses = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (clauses++ >= IndexSearcher.getMaxClauseCount()) {
                break;
            }
            Query t = new TermQuery(new Term(FIELD, e.getKey()));
            builder.add(e.getValue() == 1 ? t : new BoostQuery(t, e.getValue()), BooleanClause.Occur.SHOULD);
        }
        return builder.build();
    }

    @Override
    public String describe() {
        return "lexical BM25 (k1=" + k1 + ", b=" + b + ")";
    }
}
