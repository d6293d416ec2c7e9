/**
 * DistilBERT ({@code model_type: distilbert}) as transformers' {@code DistilBertForSequenceClassification}: the
 * {@link dev.rerank4j.model.distilbert.DistilBertArchitecture} descriptor, the
 * {@link dev.rerank4j.model.distilbert.DistilBertConfig} record (its own keys: {@code dim}, {@code n_layers},
 * {@code hidden_dim}...), word + position embeddings, its own layer naming ({@code q_lin}, {@code sa_layer_norm},
 * {@code ffn.lin1}...), LayerNorm epsilon fixed at 1e-12, and the {@code pre_classifier} + ReLU + {@code classifier}
 * head.
 */
package dev.rerank4j.model.distilbert;
