/**
 * ModernBERT ({@code model_type: modernbert}; Warner et al., "Smarter, Better, Faster, Longer", 2024) as transformers'
 * {@code ModernBertForSequenceClassification}: the {@link dev.rerank4j.model.modernbert.ModernBertArchitecture}
 * descriptor, the {@link dev.rerank4j.model.modernbert.ModernBertConfig} record (both rope-config forms, through
 * {@link dev.rerank4j.model.modernbert.ModernBertLayout}), token embeddings + LayerNorm (no positions, no token
 * types), pre-norm layers with fused {@code Wqkv}, rotary embeddings with a global and a local base, global or
 * sliding-window attention computed block by block ({@link dev.rerank4j.model.nn.WindowedAttention}: no
 * {@code seq x seq} matrix, so 8,192-token inputs fit), GeGLU feed-forward, {@code final_norm}, and the head
 * ({@code cls} or {@code mean} pooling, {@code dense} → activation → {@code norm}, {@code classifier}). Biases follow
 * {@code norm_bias}, {@code attention_bias}, {@code mlp_bias}, {@code classifier_bias}. The forward pass is written
 * once over {@link dev.rerank4j.model.nn.Ops}, so the ONNX exporter records it: libtorch keeps the block-wise attention
 * and the chunked MLP, the graph masks the full scores with the window's band built from the run-time length.
 */
package dev.rerank4j.model.modernbert;
