/**
 * Embedding models (bi-encoders): one vector per text, for first-stage retrieval and hard-negative mining.
 *
 * <p>Main types: {@link dev.rerank4j.embed.EmbeddingModel} (sealed: {@link dev.rerank4j.embed.TransformerEmbedding},
 * {@link dev.rerank4j.embed.StaticEmbedding}), loaded from sentence-transformers directories ({@code modules.json});
 * {@link dev.rerank4j.embed.EncodeOptions} (batch size, prompt, normalisation, progress);
 * {@link dev.rerank4j.embed.Embeddings} (a row-major float matrix); {@link dev.rerank4j.embed.EmbeddingCache}
 * (embeddings on disk keyed by model, prompt and texts); {@link dev.rerank4j.embed.Prompts}.
 *
 * <p>Numerics follow sentence-transformers v6: {@code Pooling._forward_padded} for the pooling modes ({@link
 * dev.rerank4j.embed.PoolingMode}: mean divides by max(token count, 1e-9), max fills padding with -inf, CLS takes the
 * first real token), {@code Normalize} is {@code F.normalize(p=2, eps=1e-12)}, and {@code StaticEmbedding} is an
 * {@code nn.EmbeddingBag} (mean) over tokens encoded without special tokens. The offline
 * {@code sentence-transformers/all-MiniLM-L6-v2} embeds {@code [CLS] text [SEP]} cut at 256 tokens (its
 * {@code sentence_bert_config.json}), mean-pooled over the attention mask and L2-normalised: the same vectors as
 * Python's {@code SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2").encode(texts)}.
 */
package dev.rerank4j.embed;
