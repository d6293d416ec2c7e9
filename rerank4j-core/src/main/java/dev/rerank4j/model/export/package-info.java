/**
 * ONNX export of cross-encoders ({@link dev.rerank4j.model.export.OnnxExport}): the architecture's forward pass,
 * written once over {@link dev.rerank4j.model.nn.Ops}, is recorded as an ONNX graph
 * ({@link dev.rerank4j.model.export.GraphOps}) and encoded in the protobuf wire format by hand
 * ({@link dev.rerank4j.model.export.ProtoMessage}, field numbers of {@code onnx.proto}: IR 8, opset 17). Batch and
 * sequence axes stay symbolic. {@link dev.rerank4j.model.export.DynamicQuantizer} rewrites the graph as ONNX
 * Runtime's {@code quantize_dynamic} does (per-output-channel symmetric int8 weights, uint8 activations quantized at
 * run time: {@code DynamicQuantizeLinear} + {@code MatMulInteger}). File names and inputs follow sentence-transformers'
 * ONNX layout ({@code onnx/model.onnx}, {@code onnx/model_qint8_avx2.onnx}; {@code input_ids},
 * {@code attention_mask}, {@code token_type_ids} where the architecture has them; output {@code logits}).
 */
package dev.rerank4j.model.export;
