package dev.rerank4j.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.util.PairList;
import dev.rerank4j.TextPair;
import dev.rerank4j.TokenCount;
import dev.rerank4j.Truncation;
import dev.rerank4j.TruncationSide;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Encodes (query, document) pairs with a Hugging Face fast tokenizer ({@code tokenizer.json}, through DJL's binding
 * of the Rust {@code tokenizers} library), so that the tokens are exactly those transformers' fast tokenizer gives.
 *
 * <p>Padding is not done here: {@link #pad} pads a group of pairs to their longest member (dynamic padding) with the
 * tokenizer's pad id. Every option is set explicitly, because DJL would otherwise take the truncation and padding
 * stored in {@code tokenizer.json}. Thread-safe: encoding does not mutate the tokenizer.
 */
public final class PairTokenizer implements PairEncoder {
    private static final int CHUNK = 256;

    private final HuggingFaceTokenizer pairs;
    private final HuggingFaceTokenizer plain;
    private final HuggingFaceTokenizer fallback;
    private final HuggingFaceTokenizer whole;
    private final TokenizerOptions options;
    private final long padId;
    private final int queryCap;

    private PairTokenizer(
            HuggingFaceTokenizer pairs,
            HuggingFaceTokenizer plain,
            HuggingFaceTokenizer fallback,
            HuggingFaceTokenizer whole,
            TokenizerOptions options,
            long padId) {
        this.pairs = pairs;
        this.plain = plain;
        this.fallback = fallback;
        this.whole = whole;
        this.options = options;
        this.padId = padId;
        int specials = countSpecialTokens(pairs);
        this.queryCap = Math.max(1, Math.min(options.maxQueryLength(), options.maxLength() - specials - 1));
    }

    /**
     * Loads {@code tokenizer.json} from a model directory.
     *
     * @param modelDir the directory holding {@code tokenizer.json}
     * @param options length and truncation
     * @param padId the pad token id (see {@link TokenizerFiles#padId})
     * @throws TokenizerException if the file is missing or unreadable
     */
    public static PairTokenizer load(Path modelDir, TokenizerOptions options, long padId) {
        Path file = modelDir.resolve(TokenizerFiles.TOKENIZER_JSON);
        if (!Files.isRegularFile(file)) {
            throw new TokenizerException(file + ": missing. rerank4j needs the fast-tokenizer file tokenizer.json; in"
                    + " Python, AutoTokenizer.from_pretrained(dir).save_pretrained(dir) writes it");
        }
        List<HuggingFaceTokenizer> built = new ArrayList<>();
        try {
            HuggingFaceTokenizer.Builder pairBuilder =
                    builder(file, options.maxLength()).optAddSpecialTokens(true).optMaxLength(options.maxLength());
            pairBuilder = options.truncation() == Truncation.ONLY_SECOND
                    ? pairBuilder.optTruncateSecondOnly()
                    : pairBuilder.optTruncation(true);
            HuggingFaceTokenizer pairTok = add(built, pairBuilder.build());
            HuggingFaceTokenizer plainTok = null;
            HuggingFaceTokenizer fallbackTok = null;
            if (options.truncation() == Truncation.ONLY_SECOND) {
                plainTok = add(
                        built,
                        builder(file, options.maxLength())
                                .optAddSpecialTokens(false)
                                .optTruncation(false)
                                .build());
                fallbackTok = add(
                        built,
                        builder(file, options.maxLength())
                                .optAddSpecialTokens(true)
                                .optMaxLength(options.maxLength())
                                .optTruncation(true)
                                .build());
            }
            // Whole pairs, never truncated: only to count the tokens a pair has before truncation.
            HuggingFaceTokenizer wholeTok = add(
                    built,
                    builder(file, UNBOUNDED)
                            .optAddSpecialTokens(true)
                            .optTruncation(false)
                            .build());
            return new PairTokenizer(pairTok, plainTok, fallbackTok, wholeTok, options, padId);
        } catch (IOException | RuntimeException e) {
            built.forEach(HuggingFaceTokenizer::close);
            throw new TokenizerException(
                    file + ": cannot be loaded as a Hugging Face tokenizer (" + e.getMessage() + ")", e);
        }
    }

    private static HuggingFaceTokenizer add(List<HuggingFaceTokenizer> built, HuggingFaceTokenizer t) {
        built.add(t);
        return t;
    }

    /**
     * A builder for the file. DJL caps {@code maxLength} at its {@code modelMaxLength} option, 512 unless set: it is
     * set to the pair length, so that long-context models (ModernBERT: 8,192) are not cut at 512.
     */
    /** A length no text reaches: the whole-pair tokenizer must never cut, whatever DJL's hidden cap. */
    private static final int UNBOUNDED = 1 << 24;

    private static HuggingFaceTokenizer.Builder builder(Path file, int maxLength) {
        HuggingFaceTokenizer.Builder b = HuggingFaceTokenizer.builder();
        b.configure(java.util.Map.of("modelMaxLength", Integer.toString(Math.max(512, maxLength))));
        return b.optTokenizerPath(file).optPadding(false).optWithOverflowingTokens(false);
    }

    private static int countSpecialTokens(HuggingFaceTokenizer tokenizer) {
        Encoding e = tokenizer.encode("a", "b", true, false);
        return (int) Arrays.stream(e.getSpecialTokenMask()).filter(v -> v == 1).count();
    }

    /** The options this tokenizer encodes with. */
    @Override
    public TokenizerOptions options() {
        return options;
    }

    /** The pad token id used by {@link #pad}. */
    @Override
    public long padId() {
        return padId;
    }

    /** The pairs with {@code prompt} prepended to each query, as sentence-transformers does for a text model. */
    @Override
    public List<EncodedPair> encode(List<TextPair> input, Optional<String> prompt) {
        if (prompt.isEmpty() || prompt.get().isEmpty()) {
            return encode(input);
        }
        return encode(input.stream()
                .map(p -> new TextPair(prompt.get() + p.query(), p.document()))
                .toList());
    }

    /** The pairs with {@code prompt} prepended to each query, cut on {@code side} when too long. */
    @Override
    public List<EncodedPair> encode(List<TextPair> input, Optional<String> prompt, TruncationSide side) {
        if (prompt.isEmpty() || prompt.get().isEmpty()) {
            return encode(input, side);
        }
        return encode(
                input.stream()
                        .map(p -> new TextPair(prompt.get() + p.query(), p.document()))
                        .toList(),
                side);
    }

    /** Encodes every pair, in input order, truncated as the options say. */
    @Override
    public List<EncodedPair> encode(List<TextPair> input) {
        List<EncodedPair> out = new ArrayList<>(input.size());
        for (int from = 0; from < input.size(); from += CHUNK) {
            List<TextPair> chunk = input.subList(from, Math.min(input.size(), from + CHUNK));
            out.addAll(encodeChunk(options.truncation() == Truncation.ONLY_SECOND ? capQueries(chunk) : chunk));
        }
        return out;
    }

    /**
     * Encodes every pair, in input order, truncated as the options say on the given side: {@link TruncationSide#LEFT}
     * keeps the same number of tokens of each segment as {@link #encode(List)} but their ends.
     */
    public List<EncodedPair> encode(List<TextPair> input, TruncationSide side) {
        if (side == TruncationSide.RIGHT) {
            return encode(input);
        }
        List<EncodedPair> out = new ArrayList<>(input.size());
        for (int from = 0; from < input.size(); from += CHUNK) {
            List<TextPair> chunk = input.subList(from, Math.min(input.size(), from + CHUNK));
            List<TextPair> capped = options.truncation() == Truncation.ONLY_SECOND ? capQueries(chunk) : chunk;
            PairList<String, String> list = new PairList<>(capped.size());
            capped.forEach(p -> list.add(p.query(), p.document()));
            for (Encoding e : whole.batchEncode(list)) {
                out.add(LeftTruncation.cut(
                        e.getIds(), e.getTypeIds(), e.getSequenceIds(), options.maxLength(), options.truncation()));
            }
        }
        return out;
    }

    /** {@link #count(List)} of the pairs with {@code prompt} prepended to each query, as they are encoded. */
    @Override
    public List<TokenCount> count(List<TextPair> input, Optional<String> prompt) {
        if (prompt.isEmpty() || prompt.get().isEmpty()) {
            return count(input);
        }
        return count(input.stream()
                .map(p -> new TextPair(prompt.get() + p.query(), p.document()))
                .toList());
    }

    /**
     * Counts the tokens of every pair, in input order: those {@link #encode} keeps and those of the whole pair before
     * truncation, special tokens included in both.
     */
    public List<TokenCount> count(List<TextPair> input) {
        List<EncodedPair> kept = encode(input);
        // A pair may have lost tokens without the encoder's flag when only_second capped its query beforehand.
        boolean capsQueries = options.truncation() == Truncation.ONLY_SECOND;
        List<TokenCount> out = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            EncodedPair e = kept.get(i);
            int untruncated = e.truncated() || capsQueries ? untruncatedLength(input.get(i)) : e.length();
            out.add(new TokenCount(e.length(), Math.max(untruncated, e.length())));
        }
        return out;
    }

    private int untruncatedLength(TextPair p) {
        return whole.encode(p.query(), p.document(), true, false).getIds().length;
    }

    private List<EncodedPair> encodeChunk(List<TextPair> chunk) {
        PairList<String, String> list = new PairList<>(chunk.size());
        chunk.forEach(p -> list.add(p.query(), p.document()));
        try {
            return Arrays.stream(pairs.batchEncode(list))
                    .map(PairTokenizer::toPair)
                    .toList();
        } catch (RuntimeException e) {
            // only_second cannot fit this pair (a tiny maxLength): encode one by one, such pairs longest_first.
            List<EncodedPair> out = new ArrayList<>(chunk.size());
            for (TextPair p : chunk) {
                out.add(toPair(encodeOne(p)));
            }
            return out;
        }
    }

    private Encoding encodeOne(TextPair p) {
        try {
            return pairs.encode(p.query(), p.document(), true, false);
        } catch (RuntimeException e) {
            if (fallback == null) {
                throw new TokenizerException(
                        "cannot encode pair (query of " + p.query().length() + " chars, document of "
                                + p.document().length() + " chars): " + e.getMessage(),
                        e);
            }
            return fallback.encode(p.query(), p.document(), true, false);
        }
    }

    private List<TextPair> capQueries(List<TextPair> chunk) {
        Encoding[] queries =
                plain.batchEncode(chunk.stream().map(TextPair::query).toList());
        List<TextPair> out = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            TextPair p = chunk.get(i);
            out.add(
                    queries[i].getIds().length <= queryCap
                            ? p
                            : new TextPair(cut(p.query(), queries[i]), p.document()));
        }
        return out;
    }

    /** The query up to the end of its {@code queryCap}-th token. */
    private String cut(String query, Encoding encoding) {
        CharSpan[] spans = encoding.getCharTokenSpans();
        int end = spans[queryCap - 1].getEnd();
        return query.substring(0, Math.min(end, query.length()));
    }

    private static EncodedPair toPair(Encoding e) {
        return new EncodedPair(e.getIds(), e.getTypeIds(), e.exceedMaxLength());
    }

    /**
     * Pads encoded pairs to the longest of them.
     *
     * @param group the pairs of one batch
     * @param keepTypeIds whether to keep segment ids; models without token types get zeros
     */
    @Override
    public PaddedBatch pad(List<EncodedPair> group, boolean keepTypeIds) {
        int len = group.stream().mapToInt(EncodedPair::length).max().orElse(0);
        int b = group.size();
        long[] ids = new long[b * len];
        long[] types = new long[b * len];
        long[] mask = new long[b * len];
        Arrays.fill(ids, padId);
        for (int r = 0; r < b; r++) {
            EncodedPair p = group.get(r);
            long[] pi = p.ids();
            System.arraycopy(pi, 0, ids, r * len, pi.length);
            if (keepTypeIds) {
                System.arraycopy(p.typeIds(), 0, types, r * len, pi.length);
            }
            Arrays.fill(mask, r * len, r * len + pi.length, 1L);
        }
        return new PaddedBatch(b, len, ids, types, mask);
    }

    @Override
    public void close() {
        pairs.close();
        if (plain != null) {
            plain.close();
        }
        if (fallback != null) {
            fallback.close();
        }
        whole.close();
    }
}
