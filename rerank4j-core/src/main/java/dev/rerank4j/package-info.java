/**
 * The vocabulary every part of rerank4j and every caller shares, free of any engine: the {@link dev.rerank4j.Reranker}
 * contract (score a batch of pairs, rank, close) and its {@link dev.rerank4j.PairScorer} core, the input and output
 * values ({@link dev.rerank4j.TextPair}, {@link dev.rerank4j.RankedDocument}), the options
 * ({@link dev.rerank4j.CrossEncoderOptions}, {@link dev.rerank4j.PredictOptions}, {@link dev.rerank4j.RankOptions},
 * {@link dev.rerank4j.Truncation}, {@link dev.rerank4j.Activation}), progress reporting
 * ({@link dev.rerank4j.ProgressListener}, {@link dev.rerank4j.ProgressMode}) and the one exception base
 * {@link dev.rerank4j.Rerank4jException}, whose fault (bad input or failure) decides a command's exit code and a
 * server's status.
 *
 * <p>This package imports nothing else of rerank4j; every other package may import it. Implementations live below:
 * {@code dev.rerank4j.model} (cross-encoders), {@code dev.rerank4j.embed} (embedding models) and the rest.
 */
package dev.rerank4j;
