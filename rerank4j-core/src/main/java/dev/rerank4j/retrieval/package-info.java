/**
 * First-stage retrieval for reranking benchmarks: readers for BEIR-format folders ({@link
 * dev.rerank4j.retrieval.BeirReader}) and the original NFCorpus release ({@link
 * dev.rerank4j.retrieval.NfCorpusReader}), a Lucene BM25 index ({@link dev.rerank4j.retrieval.Bm25Index}) and a
 * cached first stage ({@link dev.rerank4j.retrieval.Bm25FirstStage}, {@link dev.rerank4j.retrieval.FirstStageCache}).
 *
 * <h2>BM25 as configured here</h2>
 *
 * <ul>
 *   <li><b>Scoring</b>: Lucene 9.12 {@code BM25Similarity(k1, b)}, default {@code k1 = 0.9, b = 0.4}, the values
 *       Anserini uses for its BEIR regressions (Kamphuis et al., "Which BM25 do you mean?", ECIR 2020, show the
 *       variants differ by less than 0.01 NDCG). Lucene scores {@code idf * tf / (tf + k1 * (1 - b + b * dl /
 *       avgdl))} with {@code idf = ln(1 + (N - n + 0.5) / (n + 0.5))}, in float; the document length {@code dl}
 *       is stored lossily in one byte ({@code SmallFloat.intToByte4}: exact below 24 tokens, then 4 significant
 *       bits), {@code avgdl} is exact. Stopwords do not count in {@code dl}.
 *   <li><b>Analysis</b>: Lucene's {@code EnglishAnalyzer}: {@code StandardTokenizer}, English possessive removal,
 *       lowercasing, the 33 default English stopwords, Porter stemming. This is Anserini's default English
 *       analyzer.
 *   <li><b>Fields</b>: title and text are indexed as one field, {@code title + " " + text}: Anserini's "flat"
 *       BEIR indexes (its "multifield" variant, with separate title and text fields, differs by about 0.01 NDCG on
 *       the BEIR sets used here).
 *   <li><b>Queries</b>: bag of words; a term that occurs {@code c} times in the query is one clause with boost
 *       {@code c}, as Anserini's {@code BagOfWordsQueryGenerator}.
 *   <li><b>Self-matches</b>: a hit whose id equals its query id is dropped ({@link
 *       dev.rerank4j.retrieval.SelfMatch#DROP}), as BEIR's evaluation and Anserini's {@code -removeQuery} do;
 *       ArguAna's queries are themselves corpus documents.
 * </ul>
 *
 * <h2>Why the index lives in memory and the run on disk</h2>
 *
 * The BEIR corpora read here are a few MB; indexing them in a {@code ByteBuffersDirectory} takes seconds, leaves no
 * files to clean up or lock, and cannot go stale. What a second evaluation of another model needs is only the
 * top-k list of every query, so that is what is cached: {@link dev.rerank4j.retrieval.FirstStageCache} keeps one
 * small TSV per run keyed by a SHA-256 of the corpus, the queries, the analyzer (with the Lucene version) and the
 * BM25 settings. A changed corpus or setting gives a new key; an old file is never reused by mistake.
 *
 * <h2>Dense search</h2>
 *
 * Dense search over {@link dev.rerank4j.embed.Embeddings}: {@link dev.rerank4j.retrieval.VectorSearch} (sealed)
 * with {@link dev.rerank4j.retrieval.ExactVectorSearch} (chunked matrix products and a running top-k per query, memory
 * bounded by the block sizes) and {@link dev.rerank4j.retrieval.HnswVectorSearch} (Lucene 9.12's HNSW graph, Malkov
 * and Yashunin 2018, {@link dev.rerank4j.retrieval.HnswOptions}); results are {@link
 * dev.rerank4j.retrieval.Neighbours}, padded with -1/-inf like sentence-transformers' {@code mine_hard_negatives}.
 * Scores are inner products (cosine for unit-length vectors); HNSW candidates are rescored exactly, so both searches
 * report the same scores for the same documents.
 */
package dev.rerank4j.retrieval;
