/**
 * Test support shared by the modules' tests (shipped in rerank4j-core's test jar): tiny generated models, tokenizers
 * and embeddings ({@link dev.rerank4j.testing.TinyModels}, {@link dev.rerank4j.testing.TinyTokenizers},
 * {@link dev.rerank4j.testing.TinyEmbeddings}), a double-precision Hugging Face reference
 * ({@link dev.rerank4j.testing.HfReference}), the committed golden vectors ({@link dev.rerank4j.testing.GoldenFiles})
 * and the data suite ({@link dev.rerank4j.testing.DataSuite}, {@link dev.rerank4j.testing.SharedData}) of tests that
 * read the team's real datasets.
 */
package dev.rerank4j.testing;
