package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.TextPair;
import dev.rerank4j.TokenCount;
import dev.rerank4j.testing.TinyModels;
import dev.rerank4j.tokenize.EncodedPair;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token counts of a chat-template (causal-LM) reranker: the tokens the model reads (template included, after
 * template-safe truncation) and those of the whole rendered pair, with the model's default prompt or a call's prompt.
 */
class ChatTemplateCountTest {
    // 97 tokens alone; the chat template adds 101
    private static final String LONG = "the dog sat on the mat and the cat sat on the dog. ".repeat(6);

    @TempDir
    Path tmp;

    @Test
    void countsAreTheEncodedLengthsAndTheWholeRenderedPair() {
        Path dir = TinyModels.qwen3Reranker(tmp.resolve("qwen3"));
        List<TextPair> pairs = List.of(new TextPair("who", "a"), new TextPair("where is the cat?", LONG));
        try (CrossEncoder wide = CrossEncoder.load(dir);
                CrossEncoder narrow =
                        CrossEncoder.load(dir, CrossEncoderOptions.defaults().withMaxLength(160))) {
            List<EncodedPair> whole = wide.tokenizer().encode(pairs);
            assertThat(whole.get(1).length()).isGreaterThan(160).isLessThan(wide.maxLength()); // fits the wide one
            List<TokenCount> wideCounts = wide.countTokens(pairs).orElseThrow();
            List<TokenCount> narrowCounts = narrow.countTokens(pairs).orElseThrow();
            List<EncodedPair> cut = narrow.tokenizer().encode(pairs);
            for (int i = 0; i < pairs.size(); i++) {
                assertThat(wideCounts.get(i))
                        .isEqualTo(new TokenCount(
                                whole.get(i).length(), whole.get(i).length()));
                assertThat(narrowCounts.get(i))
                        .isEqualTo(
                                new TokenCount(cut.get(i).length(), whole.get(i).length()));
            }
            assertThat(narrowCounts.get(0).truncated()).isFalse();
            assertThat(narrowCounts.get(1).truncated()).isTrue();
            assertThat(narrowCounts.get(1).tokens()).isEqualTo(160);
            // the template's own tokens count: far more than the two words of the first pair
            assertThat(wideCounts.get(0).tokens()).isGreaterThan(20);

            String instruction = "Find a passage about animals.";
            List<EncodedPair> instructed = wide.tokenizer().encode(pairs, Optional.of(instruction));
            List<TokenCount> instructedCounts =
                    wide.countTokens(pairs, PredictOptions.defaults().withPrompt(instruction));
            for (int i = 0; i < pairs.size(); i++) {
                assertThat(instructedCounts.get(i).tokens())
                        .isEqualTo(instructed.get(i).length());
                assertThat(instructedCounts.get(i).tokens())
                        .isNotEqualTo(wideCounts.get(i).tokens());
            }
        }
    }
}
