package dev.rerank4j.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.rerank4j.TextPair;
import dev.rerank4j.TokenCount;
import dev.rerank4j.Truncation;
import dev.rerank4j.TruncationSide;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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
    void countsTheTokensKeptAndThoseBeforeTruncation() {
        String ten = "one two three four five six seven eight nine ten";
        try (PairTokenizer t = PairTokenizer.load(dir, TokenizerOptions.longestFirst(16), 0)) {
            List<TokenCount> c = t.count(
                    List.of(new TextPair("Hello world", "A greeting."), new TextPair(ten, ten), new TextPair("", "")));
            // [CLS] hello world [SEP] a greeting . [SEP]
            assertThat(c.get(0)).isEqualTo(new TokenCount(8, 8));
            // [CLS] + 10 words + [SEP] + 10 words + [SEP] = 23, cut to 16
            assertThat(c.get(1)).isEqualTo(new TokenCount(16, 23));
            assertThat(c.get(1).truncated()).isTrue();
            // [CLS] [SEP] [SEP]
            assertThat(c.get(2)).isEqualTo(new TokenCount(3, 3));
        }
    }

    @Test
    void countsAgreeWithTheTokenizerItselfOnRandomText() throws IOException {
        List<String> words = List.of("berlin", "panda", "unbelievably", "tokenization", "ünïcödé", "x", "42,000", "?");
        Random rng = new Random(7);
        List<TextPair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            pairs.add(new TextPair(words(words, rng, 1 + rng.nextInt(12)), words(words, rng, rng.nextInt(40))));
        }
        try (PairTokenizer t = PairTokenizer.load(dir, TokenizerOptions.longestFirst(32), 0);
                HuggingFaceTokenizer reference = HuggingFaceTokenizer.builder()
                        .optTokenizerPath(dir.resolve("tokenizer.json"))
                        .optAddSpecialTokens(true)
                        .optTruncation(false)
                        .optPadding(false)
                        .build()) {
            List<TokenCount> counts = t.count(pairs);
            List<EncodedPair> encoded = t.encode(pairs);
            int truncated = 0;
            for (int i = 0; i < pairs.size(); i++) {
                TextPair p = pairs.get(i);
                int whole = reference.encode(p.query(), p.document()).getIds().length;
                assertThat(counts.get(i)).as("pair %d", i).isEqualTo(new TokenCount(Math.min(whole, 32), whole));
                assertThat(counts.get(i).tokens()).isEqualTo(encoded.get(i).length());
                truncated += counts.get(i).truncated() ? 1 : 0;
            }
            // The sample covers both sides of the limit.
            assertThat(truncated).isBetween(10, 50);
        }
    }

    @Test
    void leftTruncationKeepsTheEndOfEachSegment() {
        String q = "one two three";
        String d = "one two three four five six seven eight nine ten";
        try (PairTokenizer t = PairTokenizer.load(dir, TokenizerOptions.longestFirst(10), 0)) {
            EncodedPair left =
                    t.encode(List.of(new TextPair(q, d)), TruncationSide.LEFT).get(0);
            // 7 content tokens: the query keeps its 3, the document its last 4: [CLS] one two three [SEP] seven eight
            // nine ten [SEP], exactly the untruncated encoding of that pair.
            EncodedPair expected =
                    t.encode(List.of(new TextPair(q, "seven eight nine ten"))).get(0);
            assertThat(left.ids()).containsExactly(expected.ids());
            assertThat(left.typeIds()).containsExactly(expected.typeIds());
            assertThat(left.truncated()).isTrue();
            assertThat(t.encode(List.of(new TextPair("hello", "world")), TruncationSide.LEFT))
                    .isEqualTo(t.encode(List.of(new TextPair("hello", "world"))));
        }
    }

    @Test
    void leftTruncationKeepsAsManyTokensPerSegmentAsTheTokenizersRightTruncation() throws IOException {
        List<String> words = List.of("berlin", "panda", "unbelievably", "tokenization", "ünïcödé", "x", "42,000", "?");
        Random rng = new Random(11);
        List<TextPair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < 80; i++) {
            pairs.add(new TextPair(words(words, rng, rng.nextInt(12)), words(words, rng, rng.nextInt(16))));
        }
        for (Truncation strategy : Truncation.values()) {
            var options = new TokenizerOptions(24, strategy, 8);
            try (PairTokenizer t = PairTokenizer.load(dir, options, 0);
                    HuggingFaceTokenizer reference = HuggingFaceTokenizer.builder()
                            .optTokenizerPath(dir.resolve("tokenizer.json"))
                            .optAddSpecialTokens(true)
                            .optTruncation(false)
                            .optPadding(false)
                            .build()) {
                List<EncodedPair> right = t.encode(pairs);
                List<EncodedPair> left = t.encode(pairs, TruncationSide.LEFT);
                int cut = 0;
                for (int i = 0; i < pairs.size(); i++) {
                    String what = strategy + " pair " + i;
                    EncodedPair r = right.get(i);
                    EncodedPair l = left.get(i);
                    assertThat(l.truncated()).as(what).isEqualTo(r.truncated());
                    assertThat(count(l.typeIds(), 0)).as(what).isEqualTo(count(r.typeIds(), 0));
                    assertThat(count(l.typeIds(), 1)).as(what).isEqualTo(count(r.typeIds(), 1));
                    if (strategy == Truncation.LONGEST_FIRST) {
                        // The document part is the tail of the whole document's tokens.
                        long[] whole = reference
                                .encode(pairs.get(i).query(), pairs.get(i).document())
                                .getIds();
                        long[] doc = Arrays.copyOfRange(l.ids(), (int) count(l.typeIds(), 0), l.length() - 1);
                        long[] wholeDoc = Arrays.copyOfRange(whole, whole.length - 1 - doc.length, whole.length - 1);
                        assertThat(doc).as(what).containsExactly(wholeDoc);
                    }
                    cut += l.truncated() ? 1 : 0;
                }
                assertThat(cut).as(strategy.toString()).isBetween(10, 70);
            }
        }
    }

    @Test
    void countsUnderOnlySecondSeeTheCappedQuery() {
        String q = "word ".repeat(40).trim();
        var options = new TokenizerOptions(16, Truncation.ONLY_SECOND, 5);
        try (PairTokenizer t = PairTokenizer.load(dir, options, 0)) {
            TokenCount c = t.count(List.of(new TextPair(q, "short doc"))).get(0);
            int kept = t.encode(List.of(new TextPair(q, "short doc"))).get(0).length();
            // [CLS] + 40 x word + [SEP] + short doc + [SEP]; the model reads the query capped to 5 tokens.
            assertThat(c).isEqualTo(new TokenCount(kept, 45));
            assertThat(kept).isEqualTo(1 + 5 + 1 + 2 + 1);
        }
    }

    private static String words(List<String> words, Random rng, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(words.get(rng.nextInt(words.size())));
        }
        return s.toString();
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
