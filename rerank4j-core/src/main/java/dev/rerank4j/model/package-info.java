/**
 * Cross-encoder models: {@link dev.rerank4j.model.CrossEncoder}, a {@link dev.rerank4j.Reranker}, loads a Hugging
 * Face / sentence-transformers model directory, scores (query, document) pairs ({@code predict}, {@code rank}) and
 * saves in the layout sentence-transformers writes. Its options and values ({@link dev.rerank4j.CrossEncoderOptions},
 * {@link dev.rerank4j.PredictOptions}, {@link dev.rerank4j.RankOptions}, {@link dev.rerank4j.Activation}) live in the
 * root package, which every caller shares.
 *
 * <p>Implementation: each architecture lives in its own package ({@code bert}, {@code roberta}, {@code electra},
 * {@code distilbert}) with an {@link dev.rerank4j.model.ArchitectureDescriptor} (model type, head class, weight
 * prefix, pad id default, position offset and maximum length, token types), a config record behind the
 * {@link dev.rerank4j.model.ModelConfig} view that maps that family's {@code config.json} keys, and a
 * {@link dev.rerank4j.model.Network}; the {@link dev.rerank4j.model.Architecture} enum is the registry (adding an
 * architecture = one package + one constant). Networks compose the blocks of {@code model.nn}, plain DJL NDArray
 * operations on weights kept by their Hugging Face names in {@link dev.rerank4j.model.Parameters}. The forward passes
 * mirror transformers' {@code *ForSequenceClassification} classes op for op (post-norm BERT layers, exact erf GELU,
 * additive attention mask with the lowest float), and are checked against ONNX Runtime (BERT/MiniLM) and an
 * independent double-precision reference of every architecture. Every batch runs in its own {@code NDScope}; DJL
 * types never appear in the public API.
 */
package dev.rerank4j.model;
