/**
 * Qwen3 and Qwen2 decoders as rerankers (transformers' {@code modeling_qwen3.py} / {@code modeling_qwen2.py}):
 * RMSNorm computed in float32 ({@code w * x / sqrt(mean(x^2) + eps)}), grouped-query attention with per-head q/k
 * RMSNorm before rotary embeddings (Qwen3; Qwen2 has q/k/v biases instead), a causal mask, SwiGLU feed-forward, tied
 * embeddings. Two heads, both on the last real token: the causal LM scored through sentence-transformers' (5.4+)
 * {@code LogitScore}, {@code logit(yes) - logit(no)} from the two LM-head rows only (Qwen3-Reranker), and the converted
 * {@code Qwen3ForSequenceClassification} ({@code score} Linear, no bias). Main types:
 * {@link dev.rerank4j.model.qwen3.Qwen3Architecture}, {@link dev.rerank4j.model.qwen3.Qwen3Config}.
 */
package dev.rerank4j.model.qwen3;
