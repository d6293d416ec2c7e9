/**
 * The seam between rerank4j and a tensor engine, in plain Java: {@link dev.rerank4j.backend.InferenceBackend} turns a
 * padded batch of token ids into logits or hidden states (float arrays with their shape), and
 * {@link dev.rerank4j.backend.TextEncoder} is a transformer encoder for embedding models, loaded through
 * {@link dev.rerank4j.backend.TextEncoders} from whichever engine is registered as an
 * {@link dev.rerank4j.backend.EncoderProvider} (libtorch today, {@code dev.rerank4j.model.TorchEncoderProvider}).
 *
 * <p>Imports nothing of an engine; the architecture test holds it to that.
 */
package dev.rerank4j.backend;
