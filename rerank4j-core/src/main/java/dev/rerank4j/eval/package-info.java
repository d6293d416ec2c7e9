/**
 * Evaluating rerankers, mirroring sentence-transformers' cross-encoder evaluators (v6.0.0) on a {@link
 * dev.rerank4j.PairScorer}.
 *
 * <ul>
 *   <li>{@link dev.rerank4j.eval.RerankingEvaluator}: {@code CrossEncoderRerankingEvaluator} (MAP, MRR@k, NDCG@k,
 *       {@code base_} metrics of a first stage), with {@link dev.rerank4j.eval.RerankingSample} /
 *       {@link dev.rerank4j.eval.RerankingQuery} inputs and graded relevance as linear NDCG gains;
 *   <li>{@link dev.rerank4j.eval.BeirBenchmark}: {@code CrossEncoderNanoBEIREvaluator}'s job on local BEIR folders,
 *       with a Lucene BM25 first stage from {@link dev.rerank4j.retrieval};
 *   <li>{@link dev.rerank4j.eval.ClassificationEvaluator} and {@link dev.rerank4j.eval.CorrelationEvaluator}:
 *       {@code CrossEncoderClassificationEvaluator} / {@code CrossEncoderCorrelationEvaluator}, with readers for
 *       pairs files, STS-B and SICK ({@link dev.rerank4j.eval.PairDatasets}, {@link
 *       dev.rerank4j.eval.PairsEvaluation});
 *   <li>{@link dev.rerank4j.eval.SequentialEvaluator}: {@code SequentialEvaluator}.
 * </ul>
 *
 * Every evaluator returns an immutable {@link dev.rerank4j.eval.EvaluationResult} (ordered metric keys, primary key,
 * per-query details, provenance) that renders as JSON ({@link dev.rerank4j.eval.ResultJson}) or as a terminal table
 * ({@link dev.rerank4j.eval.ResultTable}).
 *
 * <h2>Numerics</h2>
 *
 * {@link dev.rerank4j.eval.RankingMetrics} reproduces the reference's metric calls: MRR@k from {@code
 * np.argsort(scores)[::-1]} (ties: the later document first), NDCG@k from scikit-learn's {@code ndcg_score} (linear
 * gains, tie-averaged), AP from {@code average_precision_score} over the whole list. Scores are the model's float32
 * outputs, widened to double; metrics are double. {@code GoldenMetricsParityTest} checks every metric case computed
 * with the reference code within 1e-9. {@link dev.rerank4j.eval.ClassificationMetrics} follows {@code
 * BinaryClassificationEvaluator}'s threshold searches (float32 thresholds) and scikit-learn's {@code f1_score};
 * {@link dev.rerank4j.eval.Correlations} follows scipy's {@code pearsonr} / {@code spearmanr}.
 */
package dev.rerank4j.eval;
