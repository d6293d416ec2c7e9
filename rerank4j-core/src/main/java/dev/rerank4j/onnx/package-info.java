/**
 * The ONNX Runtime engine behind the {@link dev.rerank4j.backend.InferenceBackend} seam: {@link
 * dev.rerank4j.onnx.OnnxBackend} runs an ONNX graph with Hugging Face's names (inputs {@code input_ids}, {@code
 * attention_mask}, optionally {@code token_type_ids}; output {@code logits} or {@code last_hidden_state}), as
 * sentence-transformers' {@code backend="onnx"} and Optimum export them; {@link dev.rerank4j.onnx.OnnxOptions} holds
 * the session settings (threads, graph optimisation, CPU arena); {@link dev.rerank4j.onnx.OnnxFiles} finds the graphs
 * of a model directory.
 *
 * <p>The only package that touches {@code ai.onnxruntime}; the architecture test holds everything else to that. It
 * knows nothing of the libtorch model: {@code dev.rerank4j.model} wires it into cross-encoders and encoders.
 */
package dev.rerank4j.onnx;
