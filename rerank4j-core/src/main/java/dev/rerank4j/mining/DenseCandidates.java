package dev.rerank4j.mining;

import dev.rerank4j.ProgressListener;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.StopSignal;
import dev.rerank4j.embed.EmbeddingCache;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.Embeddings;
import dev.rerank4j.embed.EncodeOptions;
import dev.rerank4j.embed.Normalization;
import dev.rerank4j.embed.PromptRole;
import dev.rerank4j.retrieval.Neighbours;
import dev.rerank4j.retrieval.VectorSearch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Candidates from an embedding model: queries and corpus are encoded with unit-length normalisation (as
 * {@code mine_hard_negatives} does), the corpus is searched exactly or with HNSW, and positives are scored by the same
 * inner product (cosine similarity). Optionally, embeddings are kept in an {@link EmbeddingCache}, so re-mining with
 * other filters encodes nothing.
 *
 * <p>The caller owns the model and closes it.
 */
public final class DenseCandidates implements CandidateSource {
    private final EmbeddingModel model;
    private final SearchMethod search;
    /** Null when embeddings are not cached. */
    private final EmbeddingCache cache;

    private final String queryPrompt;
    private final String corpusPrompt;
    private final ProgressMode progress;
    private final StopSignal stop;
    private final ProgressListener listener;

    private DenseCandidates(
            EmbeddingModel model,
            SearchMethod search,
            EmbeddingCache cache,
            String queryPrompt,
            String corpusPrompt,
            ProgressMode progress,
            StopSignal stop,
            ProgressListener listener) {
        this.model = Objects.requireNonNull(model, "model");
        this.search = Objects.requireNonNull(search, "search");
        this.cache = cache;
        this.queryPrompt = Objects.requireNonNull(queryPrompt, "queryPrompt");
        this.corpusPrompt = Objects.requireNonNull(corpusPrompt, "corpusPrompt");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Exact search, no cache, and the model's own query and document prompts (sentence-transformers'
     * {@code encode_query}/{@code encode_document} defaults).
     */
    public static DenseCandidates of(EmbeddingModel model) {
        return new DenseCandidates(
                model,
                SearchMethod.exact(),
                null,
                model.prompts().resolve(PromptRole.QUERY),
                model.prompts().resolve(PromptRole.DOCUMENT),
                ProgressMode.AUTO,
                StopSignal.never(),
                ProgressListener.NONE);
    }

    public DenseCandidates withSearch(SearchMethod method) {
        return new DenseCandidates(model, method, cache, queryPrompt, corpusPrompt, progress, stop, listener);
    }

    /** Keeps embeddings in {@code dir}. */
    public DenseCandidates withCache(Path dir) {
        return new DenseCandidates(
                model, search, new EmbeddingCache(dir), queryPrompt, corpusPrompt, progress, stop, listener);
    }

    /** The prompt prepended to every query (empty = none). */
    public DenseCandidates withQueryPrompt(String prompt) {
        return new DenseCandidates(model, search, cache, prompt, corpusPrompt, progress, stop, listener);
    }

    /** The prompt prepended to every document (empty = none). */
    public DenseCandidates withCorpusPrompt(String prompt) {
        return new DenseCandidates(model, search, cache, queryPrompt, prompt, progress, stop, listener);
    }

    public DenseCandidates withProgress(ProgressMode mode) {
        return new DenseCandidates(model, search, cache, queryPrompt, corpusPrompt, mode, stop, listener);
    }

    /** Polls {@code signal} between embedding batches: a requested stop ends {@link #retrieve} at the next one. */
    public DenseCandidates withStop(StopSignal signal) {
        return new DenseCandidates(model, search, cache, queryPrompt, corpusPrompt, progress, signal, listener);
    }

    /** Where the encoding progress goes (default {@link ProgressListener#NONE}). */
    public DenseCandidates withListener(ProgressListener l) {
        return new DenseCandidates(model, search, cache, queryPrompt, corpusPrompt, progress, stop, l);
    }

    @Override
    public Retrieved retrieve(List<String> queries, List<String> corpus, List<int[]> positives, int k, int batchSize) {
        long t0 = System.nanoTime();
        EncodeOptions base = EncodeOptions.defaults()
                .withBatchSize(batchSize)
                .withNormalization(Normalization.UNIT_LENGTH)
                .withProgress(progress)
                .withStop(stop)
                .withListener(listener);
        int[] encoded = {0};
        int[] hits = {0};
        Embeddings docs = encode(corpus, base.withPrompt(corpusPrompt), encoded, hits);
        Embeddings qs = encode(queries, base.withPrompt(queryPrompt), encoded, hits);
        long t1 = System.nanoTime();
        Neighbours found;
        try (VectorSearch index = search.build(docs)) {
            found = index.search(qs, k);
        }
        List<float[]> positiveScores = new ArrayList<>(queries.size());
        for (int q = 0; q < queries.size(); q++) {
            int[] p = positives.get(q);
            float[] s = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                s[i] = qs.dot(q, docs, p[i]);
            }
            positiveScores.add(s);
        }
        long t2 = System.nanoTime();
        return new Retrieved(
                found, positiveScores, new RetrievalTimings((t1 - t0) / 1e9, (t2 - t1) / 1e9, encoded[0], hits[0]));
    }

    private Embeddings encode(List<String> texts, EncodeOptions options, int[] encoded, int[] hits) {
        if (cache == null) {
            encoded[0] += texts.size();
            return model.encode(texts, options);
        }
        EmbeddingCache.Lookup lookup = cache.encode(model, texts, options);
        if (lookup.hit()) {
            hits[0]++;
        } else {
            encoded[0] += texts.size();
        }
        return lookup.embeddings();
    }

    @Override
    public String describe() {
        return "dense " + model.source() + ", " + search.describe();
    }
}
