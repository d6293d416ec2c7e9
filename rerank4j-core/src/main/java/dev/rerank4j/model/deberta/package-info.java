/**
 * DeBERTa-v2 and DeBERTa-v3 ({@code model_type: deberta-v2}) as transformers' {@code
 * DebertaV2ForSequenceClassification} (He et al., "DeBERTa: Decoding-enhanced BERT with Disentangled Attention",
 * ICLR 2021; "DeBERTaV3", 2021): the {@link dev.rerank4j.model.deberta.DebertaV2Architecture} descriptor, the
 * {@link dev.rerank4j.model.deberta.DebertaV2Config} record with its
 * {@link dev.rerank4j.model.deberta.RelativeAttention} settings ({@code relative_attention}, {@code pos_att_type}
 * c2p/p2c, {@code max_relative_positions}, {@code position_buckets}, {@code share_att_key}, {@code norm_rel_ebd}),
 * embeddings without absolute positions or token types unless the config asks for them, disentangled self-attention
 * over log-bucketed relative positions ({@code make_log_bucket_position}), post-norm layers, and the context pooler
 * (dense + {@code pooler_hidden_act} on [CLS]) before the classifier. The convolution layer of the DeBERTa-v2
 * xlarge checkpoints ({@code conv_kernel_size}) is refused. The forward pass is written over
 * {@link dev.rerank4j.model.nn.Ops}, so it also exports to ONNX (the relative indices are then computed in the graph
 * from the run-time length).
 */
package dev.rerank4j.model.deberta;
