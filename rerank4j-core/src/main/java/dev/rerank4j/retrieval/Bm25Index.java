package dev.rerank4j.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory Lucene BM25 index over a corpus: one {@code contents} field holding
 * {@link CorpusDocument#contents()} (title + text, Anserini's "flat" BEIR layout), analyzed with Lucene's
 * {@link EnglishAnalyzer}. Queries are bags of words: each distinct analyzed term is a SHOULD clause boosted by its
 * count in the query (Anserini's {@code BagOfWordsQueryGenerator}). Ties keep corpus order (documents are indexed in
 * order into one segment).
 *
 * <p>Thread-safety: {@link #search} may be called from several threads; {@link #close} must not race with it.
 */
public final class Bm25Index implements AutoCloseable {
    /** The analyzed field. */
    static final String FIELD = "contents";

    private static final String ID_FIELD = "id";

    /** What {@link #analyzer()} does, recorded in first-stage cache fingerprints. */
    public static final String ANALYZER_DESCRIPTION = "lucene-" + org.apache.lucene.util.Version.LATEST
            + " EnglishAnalyzer(StandardTokenizer, EnglishPossessiveFilter, LowerCaseFilter,"
            + " StopFilter(EnglishAnalyzer default 33 words), PorterStemFilter); field = title + ' ' + text;"
            + " query = bag of words, boost = term count";

    private final ByteBuffersDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer;
    private final Bm25Params params;
    private final String[] ids;

    private Bm25Index(ByteBuffersDirectory directory, DirectoryReader reader, Analyzer analyzer, Bm25Params params)
            throws IOException {
        this.directory = directory;
        this.reader = reader;
        this.analyzer = analyzer;
        this.params = params;
        this.searcher = new IndexSearcher(reader);
        searcher.setSimilarity(similarity(params));
        // Lucene doc id -> corpus id, read once: reading stored fields per hit costs more than the scoring
        this.ids = new String[reader.maxDoc()];
        StoredFields stored = reader.storedFields();
        for (int doc = 0; doc < ids.length; doc++) {
            ids[doc] = stored.document(doc).get(ID_FIELD);
        }
    }

    /** The analyzer used for documents and queries (a new instance each call). */
    public static Analyzer analyzer() {
        return new EnglishAnalyzer();
    }

    /** Indexes {@code corpus} in memory. */
    public static Bm25Index build(List<CorpusDocument> corpus, Bm25Params params) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        Analyzer analyzer = analyzer();
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setSimilarity(similarity(params))
                .setRAMBufferSizeMB(256)
                .setMergePolicy(new LogDocMergePolicy())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (CorpusDocument doc : corpus) {
                Document lucene = new Document();
                lucene.add(new StringField(ID_FIELD, doc.id(), Field.Store.YES));
                lucene.add(new TextField(FIELD, doc.contents(), Field.Store.NO));
                writer.addDocument(lucene);
            }
            writer.forceMerge(1);
            writer.commit();
            return new Bm25Index(directory, DirectoryReader.open(directory), analyzer, params);
        } catch (IOException e) {
            analyzer.close();
            throw new UncheckedIOException("indexing " + corpus.size() + " documents in memory failed", e);
        }
    }

    /** The parameters this index scores with. */
    public Bm25Params params() {
        return params;
    }

    /** The number of indexed documents. */
    public int size() {
        return reader.numDocs();
    }

    /**
     * The top {@code k} documents for {@code queryText}, best first; fewer when fewer documents share a term with
     * the query (none when the query analyzes to nothing, e.g. only stopwords).
     */
    public List<Hit> search(String queryText, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        Map<String, Integer> terms = analyze(queryText);
        if (terms.isEmpty()) {
            return List.of();
        }
        try {
            ScoreDoc[] docs = searcher.search(bagOfWords(terms), k).scoreDocs;
            List<Hit> hits = new ArrayList<>(docs.length);
            for (ScoreDoc doc : docs) {
                hits.add(new Hit(ids[doc.doc], doc.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory index failed", e);
        }
    }

    /** The analyzed terms of {@code text} with their counts, in first-occurrence order. */
    public Map<String, Integer> analyze(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (TokenStream stream = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                counts.merge(term.toString(), 1, Integer::sum);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing a query failed", e);
        }
        return counts;
    }

    private Query bagOfWords(Map<String, Integer> terms) {
        int max = IndexSearcher.getMaxClauseCount();
        if (terms.size() > max) {
            throw new IllegalArgumentException("query has " + terms.size() + " distinct terms, Lucene allows " + max);
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        terms.forEach((term, count) -> {
            Query query = new TermQuery(new Term(FIELD, term));
            builder.add(count == 1 ? query : new BoostQuery(query, count), BooleanClause.Occur.SHOULD);
        });
        return builder.build();
    }

    private static BM25Similarity similarity(Bm25Params params) {
        return new BM25Similarity(params.k1(), params.b());
    }

    @Override
    public void close() {
        try (analyzer;
                directory;
                reader) {
            // closes all three, in reverse order, even if one fails
        } catch (IOException e) {
            throw new UncheckedIOException("closing the in-memory index failed", e);
        }
    }
}
