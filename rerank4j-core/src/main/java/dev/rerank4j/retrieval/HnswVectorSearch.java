package dev.rerank4j.retrieval;

import dev.rerank4j.embed.Embeddings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Approximate top-k with a Lucene HNSW graph ({@code Lucene99HnswVectorsFormat}) held in memory. The graph proposes
 * {@code max(k, efSearch)} candidates per query; their scores are then recomputed exactly (so scores are comparable to
 * {@link ExactVectorSearch}'s) and the best {@code k} kept. Unit-length corpora use Lucene's dot-product similarity,
 * others maximum inner product. Documents keep their insertion order as Lucene doc ids (one segment, order-preserving
 * merges), so a doc id is the corpus index.
 */
public final class HnswVectorSearch implements VectorSearch {
    private static final String FIELD = "v";
    /** The widest vectors accepted (Lucene's own default limit is 1,024). */
    public static final int MAX_DIMENSION = 8192;

    private final Embeddings corpus;
    private final HnswOptions options;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    private HnswVectorSearch(Embeddings corpus, HnswOptions options, Directory directory, DirectoryReader reader) {
        this.corpus = corpus;
        this.options = options;
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
    }

    /** Builds the graph of {@code corpus} (a few seconds per 100k vectors of width 384 on two cores). */
    public static HnswVectorSearch build(Embeddings corpus, HnswOptions options) {
        Objects.requireNonNull(options, "options");
        if (corpus.dimension() > MAX_DIMENSION) {
            throw new IllegalArgumentException(
                    "HNSW search supports dimensions up to " + MAX_DIMENSION + ", got " + corpus.dimension());
        }
        VectorSimilarityFunction similarity = corpus.unitLength(1e-3)
                ? VectorSimilarityFunction.DOT_PRODUCT
                : VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
        Directory dir = new ByteBuffersDirectory();
        try {
            IndexWriterConfig config = new IndexWriterConfig()
                    .setCodec(codec(options))
                    .setMergePolicy(new LogDocMergePolicy())
                    .setRAMBufferSizeMB(1024)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            try (IndexWriter writer = new IndexWriter(dir, config)) {
                for (int i = 0; i < corpus.rows(); i++) {
                    Document doc = new Document();
                    doc.add(new KnnFloatVectorField(FIELD, corpus.row(i), similarity));
                    writer.addDocument(doc);
                }
                writer.forceMerge(1);
            }
            DirectoryReader reader = DirectoryReader.open(dir);
            if (reader.maxDoc() != corpus.rows()) {
                reader.close();
                throw new IllegalStateException(
                        "the HNSW index holds " + reader.maxDoc() + " documents, expected " + corpus.rows());
            }
            return new HnswVectorSearch(corpus, options, dir, reader);
        } catch (IOException e) {
            closeQuietly(dir);
            throw new UncheckedIOException("cannot build the HNSW index: " + e.getMessage(), e);
        }
    }

    private static Codec codec(HnswOptions options) {
        KnnVectorsFormat hnsw = new Lucene99HnswVectorsFormat(options.maxConnections(), options.beamWidth());
        KnnVectorsFormat wide = new WideVectors(hnsw);
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return wide;
            }
        };
    }

    @Override
    public int size() {
        return corpus.rows();
    }

    /** The graph settings. */
    public HnswOptions options() {
        return options;
    }

    @Override
    public Neighbours search(Embeddings queries, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (queries.dimension() != corpus.dimension()) {
            throw new IllegalArgumentException(
                    "queries have dimension " + queries.dimension() + " but the corpus has " + corpus.dimension());
        }
        int explore = Math.max(k, options.efSearch());
        TopK top = new TopK(queries.rows(), k);
        try {
            for (int q = 0; q < queries.rows(); q++) {
                TopDocs found = searcher.search(new KnnFloatVectorQuery(FIELD, queries.row(q), explore), explore);
                int[] docs = new int[found.scoreDocs.length];
                for (int i = 0; i < docs.length; i++) {
                    docs[i] = found.scoreDocs[i].doc;
                }
                java.util.Arrays.sort(docs); // offer in index order: ties keep the lower index
                for (int doc : docs) {
                    top.offer(q, doc, queries.dot(q, corpus, doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("HNSW search failed: " + e.getMessage(), e);
        }
        return top.result();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // in-memory: nothing to release beyond the heap
        }
        closeQuietly(directory);
    }

    private static void closeQuietly(Directory dir) {
        try {
            dir.close();
        } catch (IOException e) {
            // in-memory directory: closing cannot fail in a way that matters
        }
    }

    /** Lucene's HNSW format with a higher dimension limit; same name, so the stored index reads back as usual. */
    private static final class WideVectors extends KnnVectorsFormat {
        private final KnnVectorsFormat delegate;

        WideVectors(KnnVectorsFormat delegate) {
            super(delegate.getName());
            this.delegate = delegate;
        }

        @Override
        public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
            return delegate.fieldsWriter(state);
        }

        @Override
        public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
            return delegate.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String fieldName) {
            return MAX_DIMENSION;
        }
    }
}
