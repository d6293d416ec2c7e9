/**
 * Hard-negative mining: for each (anchor, positive) pair, documents a retriever ranks high that are not the answer,
 * the training data rerankers learn most from.
 *
 * <p>Mirrors sentence-transformers' {@code util.mine_hard_negatives} (v6.0.0): {@link
 * dev.rerank4j.mining.HardNegativeMiner#mineHardNegatives} with {@link dev.rerank4j.mining.MiningOptions} (range_min,
 * range_max and its default rule, max_score, min_score, absolute_margin, relative_margin, num_negatives,
 * sampling_strategy, include_positives, output_format, output_scores, batch_size), optional cross-encoder rescoring,
 * margins measured from the anchor's weakest positive. Candidates come from a {@link
 * dev.rerank4j.mining.CandidateSource}: {@link dev.rerank4j.mining.DenseCandidates} (an embedding model, exact or HNSW
 * search, an embedding cache) or {@link dev.rerank4j.mining.LexicalCandidates} (Lucene BM25). The result, a {@link
 * dev.rerank4j.mining.MinedDataset} in one of four {@link dev.rerank4j.mining.OutputFormat}s, carries a {@link
 * dev.rerank4j.mining.MiningReport}; {@link dev.rerank4j.mining.MinedDatasetWriter} writes JSONL or Parquet and
 * {@link dev.rerank4j.mining.MiningFiles} reads the inputs.
 *
 * <p>Differences from the reference, on purpose: the relative margin drops {@code neg > pos - |pos| * m} (v4.1's
 * {@code pos * (1 - m)} was wrong for negative scores; v6 has the fix); exact search is chunked over documents as
 * well as queries, so memory never grows with queries × corpus; ties are broken by retrieval order, so runs are
 * deterministic; filter counts include only candidates each rule removed itself; unknown column names are errors
 * instead of silently falling back to the first two columns; the report also counts anchors left short of
 * negatives. NV-Retriever (Moreira et al., 2024) recommends {@code relativeMargin = 0.05} with top sampling.
 */
package dev.rerank4j.mining;
