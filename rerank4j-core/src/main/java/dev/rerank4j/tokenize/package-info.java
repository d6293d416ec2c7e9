/**
 * Pair tokenization with Hugging Face fast tokenizers ({@code tokenizer.json}, via DJL's binding of the Rust
 * {@code tokenizers} library): {@link dev.rerank4j.tokenize.PairTokenizer} encodes (query, document) pairs as
 * {@code [CLS] q [SEP] d [SEP]} (or the model's template) with token types, truncates {@code longest_first} (the
 * sentence-transformers default) or query-preserving {@code only_second} with a query cap, and pads batches
 * dynamically; {@link dev.rerank4j.tokenize.TokenizerFiles} reads {@code tokenizer_config.json} and
 * {@code special_tokens_map.json}.
 */
package dev.rerank4j.tokenize;
