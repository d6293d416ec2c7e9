/**
 * Training losses for cross-encoders, named and parameterised as sentence-transformers' {@code
 * cross_encoder.losses} (v6.0.0), with the same numbers: every case of the project's golden set, computed with the
 * reference code, is reproduced in value and gradient.
 *
 * <p>{@link dev.rerank4j.loss.LossConfig} is the closed set of losses; each variant is a record of hyperparameters,
 * built in code or by name with {@link dev.rerank4j.loss.LossConfigs} ({@code loss: {name: LambdaLoss, k: 10}}):
 *
 * <ul>
 *   <li>pointwise, one (query, document) pair per row: {@link dev.rerank4j.loss.BinaryCrossEntropyLoss}, {@link
 *       dev.rerank4j.loss.CrossEntropyLoss}, {@link dev.rerank4j.loss.MSELoss};
 *   <li>distillation from a teacher's margins: {@link dev.rerank4j.loss.MarginMSELoss} (Hofstätter et al. 2020);
 *   <li>in-batch negatives, rows (anchor, positive[, hard negatives]): {@link
 *       dev.rerank4j.loss.MultipleNegativesRankingLoss} and its GradCache form {@link
 *       dev.rerank4j.loss.CachedMultipleNegativesRankingLoss} (Gao et al. 2021), whose memory does not grow with the
 *       batch;
 *   <li>listwise, rows (query, [documents], [labels]) of any lengths: {@link dev.rerank4j.loss.ListNetLoss} (Cao et
 *       al. 2007), {@link dev.rerank4j.loss.ListMLELoss} (Xia et al. 2008), {@link dev.rerank4j.loss.PListMLELoss}
 *       (Lan et al. 2014), {@link dev.rerank4j.loss.LambdaLoss} with its {@link dev.rerank4j.loss.WeightingScheme}s
 *       (Wang et al. 2018), {@link dev.rerank4j.loss.RankNetLoss} (Burges et al. 2005), {@link
 *       dev.rerank4j.loss.ADRMSELoss} (Schlatt et al. 2025).
 * </ul>
 *
 * <p>Internally a loss is an {@link dev.rerank4j.loss.Objective}: given a {@link dev.rerank4j.loss.Batch} of rows it
 * chooses the (query, document) pairs to score, asks a {@link dev.rerank4j.loss.PairModel} for their logits (in the
 * reference's order and chunks) and reduces them to a scalar. The ranking losses apply their training-time activation
 * in the graph, then compute the loss and its gradient with respect to every activated logit in plain Java (double
 * precision, the reference's padding, clamps and quirks documented per loss) and join the result back into the graph
 * as {@code g.x - stop(g.x) + value}, so the model's weights receive exactly that gradient.
 */
package dev.rerank4j.loss;
