package dev.rerank4j.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.TextPair;
import dev.rerank4j.Truncation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pair encoding with the real all-MiniLM-L6-v2 WordPiece tokenizer (from the langchain4j test dependency). */
class PairTokenizerTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void copyTokenizer() throws IOException {
        try (InputStream in = PairTokenizerTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(in, dir.resolve("tokenizer.json"));
        }
    }

    private static long count(long[] a, long v) {
        return Arrays.stream(a).filter(x -> x == v).count();
    }

    @Test
    void encodesPairWithSegmentsAndSpecialTokens() {
        try (PairTokenizer t = PairTokenizer.load(dir, TokenizerOptions.longestFirst(128), 0)) {
            EncodedPair p = t.encode(List.of(new TextPair("Hello world", "A greeting.")))
                    .get(0);
            // [CLS] hello world [SEP] a greeting . [SEP]
            assertThat(p.ids()).containsExactly(101, 7592, 2088, 102, 1037, 14806, 1012, 102);
            assertThat(p.typeIds()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
            assertThat(p.truncated()).isFalse();
        }
    }

    @Test
    void longestFirstCutsTheLongerSegmentFirst() {
        String q = "one two three four five six seven eight nine ten";
        String d = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
        try (PairTokenizer t = PairTokenizer.load(dir, TokenizerOptions.longestFirst(16), 0)) {
            EncodedPair p = t.encode(List.of(new TextPair(q, d))).get(0);
            assertThat(p.length()).isEqualTo(16);
            assertThat(p.truncated()).isTrue();
            // 13 content tokens shared as evenly as possible between the two segments.
            assertThat(count(p.typeIds(), 0) - 2).isEqualTo(6);
            assertThat(count(p.typeIds(), 1) - 1).isEqualTo(7);
        }
    }

    @Test
    void onlySecondKeepsTheQuery() {
        String q = "one two three four five six";
        String d = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
        var options = new TokenizerOptions(16, Truncation.ONLY_SECOND, 8);
        try (PairTokenizer t = PairTokenizer.load(dir, options, 0)) {
            EncodedPair p = t.encode(List.of(new TextPair(q, d))).get(0);
            assertThat(p.length()).isEqualTo(16);
            assertThat(count(p.typeIds(), 0)).isEqualTo(8); // [CLS] + 6 words + [SEP]
        }
    }

    @Test
    void onlySecondCapsAnOverlongQueryInsteadOfFailing() {
        String q = "word ".repeat(40) + "ünïcödé ending";
        var options = new TokenizerOptions(16, Truncation.ONLY_SECOND, 5);
        try (PairTokenizer t = PairTokenizer.load(dir, options, 0)) {
            List<EncodedPair> out =
                    t.encode(List.of(new TextPair(q, "short doc"), new TextPair("ünïcödé " + q, "doc")));
            for (EncodedPair p : out) {
                assertThat(p.length()).isLessThanOrEqualTo(16);
                assertThat(count(p.typeIds(), 0)).isEqualTo(5 + 2);
                assertThat(count(p.typeIds(), 1)).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void padsToTheLongestWithMask() {
        try (PairTokenizer t = PairTokenizer.load(dir, TokenizerOptions.longestFirst(64), 0)) {
            List<EncodedPair> enc = t.encode(List.of(new TextPair("a", "b"), new TextPair("a b c", "d e f")));
            PaddedBatch b = t.pad(enc, true);
            assertThat(b.seqLen()).isEqualTo(9);
            assertThat(Arrays.copyOfRange(b.ids(), 0, 9)).containsExactly(101, 1037, 102, 1038, 102, 0, 0, 0, 0);
            assertThat(Arrays.copyOfRange(b.attentionMask(), 0, 9)).containsExactly(1, 1, 1, 1, 1, 0, 0, 0, 0);
            assertThat(Arrays.copyOfRange(b.typeIds(), 0, 9)).containsExactly(0, 0, 0, 1, 1, 0, 0, 0, 0);
            assertThat(t.pad(enc, false).typeIds()).containsOnly(0L);
        }
    }

    @Test
    void padIdComesFromTheTokenizerFile() {
        assertThat(TokenizerFiles.padId(dir)).hasValue(0);
    }

    @Test
    void missingTokenizerFileNamesThePath(@TempDir Path empty) {
        assertThatThrownBy(() -> PairTokenizer.load(empty, TokenizerOptions.longestFirst(32), 0))
                .isInstanceOf(TokenizerException.class)
                .hasMessageContaining(empty.resolve("tokenizer.json").toString())
                .hasMessageContaining("save_pretrained");
    }

    @Test
    void optionsRejectImpossibleValues() {
        assertThatThrownBy(() -> new TokenizerOptions(4, Truncation.LONGEST_FIRST, 2))
                .hasMessage("maxLength must be >= 8, got 4");
        assertThatThrownBy(() -> new TokenizerOptions(32, Truncation.ONLY_SECOND, 20))
                .hasMessage("maxQueryLength must be in [1, 16] (half of maxLength), got 20");
    }
}
