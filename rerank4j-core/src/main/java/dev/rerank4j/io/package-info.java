/**
 * Weight files: reading and writing the tensors of Hugging Face model directories, in plain Java.
 *
 * <p>Main types:
 *
 * <ul>
 *   <li>{@link dev.rerank4j.io.Tensor}: a named tensor held as row-major float32, remembering its stored
 *       {@link dev.rerank4j.io.DType}. F16 and BF16 widen exactly; integer types must be exact in float32. Tensors
 *       reach DJL only as {@code float[]}, so a BF16 checkpoint never becomes a BF16 NDArray (which aborts the JVM in
 *       DJL 0.36).
 *   <li>{@link dev.rerank4j.io.Safetensors}: the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 *       format (8-byte little-endian header length, JSON header, raw little-endian data), read with every check
 *       Python's reader makes and written byte-for-byte as Python writes it, atomically. Narrowing to F16/BF16
 *       rounds to nearest, ties to even, as {@code torch.Tensor.to} does.
 *   <li>{@link dev.rerank4j.io.ModelWeights}: the weights of a model directory, as {@code from_pretrained} finds them
 *       ({@code model.safetensors} or a sharded index). Pickle checkpoints are refused with a conversion recipe.
 *   <li>{@link dev.rerank4j.io.OnnxGraph}: initializers and node wiring of an ONNX model, read from the protobuf wire
 *       format with {@code CodedInputStream}, to lift weights out of exported models.
 *   <li>{@link dev.rerank4j.io.WeightsFormatException}: every malformed input, its message naming file and reason.
 * </ul>
 */
package dev.rerank4j.io;
