package dev.rerank4j.tokenize;

import dev.rerank4j.TextPair;
import dev.rerank4j.TokenCount;
import dev.rerank4j.TruncationSide;
import java.util.List;
import java.util.Optional;

/**
 * Turns (query, document) pairs into model inputs: the encoder-style {@link PairTokenizer} ({@code [CLS] q [SEP] d
 * [SEP]}, right padding) or the {@link ChatTemplateTokenizer} of causal-LM rerankers (the pair rendered through the
 * model's chat template, left padding). Thread-safe.
 */
public interface PairEncoder extends AutoCloseable {
    /** The options this encoder encodes with. */
    TokenizerOptions options();

    /** The pad token id {@link #pad} pads with. */
    long padId();

    /** Encodes every pair, in input order, with the model's default prompt (if any). */
    List<EncodedPair> encode(List<TextPair> pairs);

    /**
     * Encodes every pair with a prompt, as sentence-transformers' {@code CrossEncoder.predict(prompt=...)}: a chat
     * template gets it as the system message (a reranker's instruction); a plain tokenizer prepends it to the query.
     * Empty: the model's default prompt.
     */
    List<EncodedPair> encode(List<TextPair> pairs, Optional<String> prompt);

    /**
     * Encodes every pair with a prompt (see {@link #encode(List, Optional)}), cutting over-long pairs on {@code side}.
     * Encoders that cannot cut on the left refuse {@link TruncationSide#LEFT}.
     */
    default List<EncodedPair> encode(List<TextPair> pairs, Optional<String> prompt, TruncationSide side) {
        if (side != TruncationSide.RIGHT) {
            throw new IllegalArgumentException(
                    "truncation side " + side + " is not supported by this model's tokenizer; use RIGHT");
        }
        return encode(pairs, prompt);
    }

    /**
     * Counts the tokens of each pair as {@link #encode(List, Optional)} gives them, and before truncation (see
     * {@link TokenCount}).
     */
    List<TokenCount> count(List<TextPair> pairs, Optional<String> prompt);

    /**
     * Pads encoded pairs to the longest of them, on the side the model expects.
     *
     * @param keepTypeIds whether to keep segment ids; models without token types get zeros
     */
    PaddedBatch pad(List<EncodedPair> group, boolean keepTypeIds);

    @Override
    void close();
}
