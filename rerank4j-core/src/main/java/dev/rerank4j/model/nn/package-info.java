/**
 * The building blocks the architecture packages compose, each a small value that names its weights (by their Hugging
 * Face names, with {@code specs} for loading and fresh initialisation) and computes its forward pass as the
 * transformers / {@code torch.nn} function it mirrors: {@link dev.rerank4j.model.nn.Linear},
 * {@link dev.rerank4j.model.nn.Embedding}, {@link dev.rerank4j.model.nn.LayerNorm},
 * {@link dev.rerank4j.model.nn.RmsNorm}, {@link dev.rerank4j.model.nn.Dropout}, the {@code ACT2FN} activations
 * ({@link dev.rerank4j.model.nn.HiddenActivation}) and the GLU variants GeGLU / SwiGLU
 * ({@link dev.rerank4j.model.nn.GatedLinearUnit}), scaled dot-product attention with an additive mask, multi-head or
 * grouped-query ({@link dev.rerank4j.model.nn.MultiHeadAttention}, {@link dev.rerank4j.model.nn.AttentionMask}),
 * rotary position embeddings ({@link dev.rerank4j.model.nn.RotaryEmbedding}), position ids, and the relative-position
 * gather of disentangled attention ({@link dev.rerank4j.model.nn.RelativeBuckets},
 * {@link dev.rerank4j.model.nn.RelativeRows}).
 *
 * <p>The blocks compute over {@link dev.rerank4j.model.nn.Ops}, the operations a forward pass is written over once:
 * {@link dev.rerank4j.model.nn.EagerOps} runs them on libtorch (with autograd), the ONNX exporter records them as a
 * graph ({@code dev.rerank4j.model.export}); their {@code NDArray} methods are the eager case.
 *
 * <p>Every result is a new array registered in the caller's {@code NDScope}. Scalar operands on the gradient path are
 * allocated by libtorch ({@link dev.rerank4j.model.nn.Scalars#of}; see its javadoc and the engine notes). Internal to
 * the model implementations.
 */
package dev.rerank4j.model.nn;
