/**
 * ELECTRA discriminators ({@code model_type: electra}) as transformers' {@code ElectraForSequenceClassification}: the
 * {@link dev.rerank4j.model.electra.ElectraArchitecture} descriptor, the
 * {@link dev.rerank4j.model.electra.ElectraConfig} record (the small discriminator's defaults and
 * {@code embedding_size}), embeddings of {@code embedding_size} projected to the hidden size when they differ, the
 * BERT layer stack, and the {@code classifier.dense} + GELU + {@code classifier.out_proj} head.
 */
package dev.rerank4j.model.electra;
