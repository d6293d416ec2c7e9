package dev.rerank4j.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.ParseErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Encodes single texts with a Hugging Face fast tokenizer ({@code tokenizer.json}), as a bi-encoder (a
 * sentence-transformers {@code Transformer} or {@code StaticEmbedding} module) tokenizes its inputs: one sequence,
 * optionally with the special tokens ({@code [CLS] text [SEP]} for BERT), cut at the end to the maximum length.
 *
 * <p>Padding is left to {@link #pad}, which pads a group to its longest member. Every option is set explicitly, so the
 * truncation and padding blocks of {@code tokenizer.json} do not apply unless asked for ({@link #fileMaxLength}).
 * Thread-safe.
 */
public final class TextTokenizer implements AutoCloseable {
    private static final int CHUNK = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final SpecialTokens special;
    private final int maxLength;
    private final long padId;

    /** Whether the tokenizer adds its special tokens ([CLS], [SEP], ...) around each text. */
    public enum SpecialTokens {
        /** Add them, as transformers' tokenizers do by default (a Transformer module). */
        ADD,
        /** Leave them out (a StaticEmbedding module). */
        OMIT
    }

    private TextTokenizer(HuggingFaceTokenizer tokenizer, SpecialTokens special, int maxLength, long padId) {
        this.tokenizer = tokenizer;
        this.special = special;
        this.maxLength = maxLength;
        this.padId = padId;
    }

    /**
     * Loads {@code tokenizer.json} from a directory.
     *
     * @param dir the directory holding {@code tokenizer.json}
     * @param special whether to add the special tokens
     * @param maxLength the most tokens a text keeps (special tokens included); 0 = no limit
     * @param padId the id {@link #pad} fills with
     * @throws TokenizerException if the file is missing or cannot be loaded
     */
    public static TextTokenizer load(Path dir, SpecialTokens special, int maxLength, long padId) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be >= 0 (0 = no limit), got " + maxLength);
        }
        Path file = dir.resolve(TokenizerFiles.TOKENIZER_JSON);
        if (!Files.isRegularFile(file)) {
            throw new TokenizerException(file + ": missing. rerank4j needs the fast-tokenizer file tokenizer.json; in"
                    + " Python, AutoTokenizer.from_pretrained(dir).save_pretrained(dir) writes it");
        }
        try {
            HuggingFaceTokenizer.Builder b = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optPadding(false)
                    .optWithOverflowingTokens(false)
                    .optAddSpecialTokens(special == SpecialTokens.ADD);
            b = maxLength > 0 ? b.optMaxLength(maxLength).optTruncation(true) : b.optTruncation(false);
            return new TextTokenizer(b.build(), special, maxLength, padId);
        } catch (IOException | RuntimeException e) {
            throw new TokenizerException(
                    file + ": cannot be loaded as a Hugging Face tokenizer (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The {@code truncation.max_length} stored in a {@code tokenizer.json}, if its truncation block is set. Python's
     * {@code tokenizers.Tokenizer.from_file} keeps that truncation (a StaticEmbedding module encodes with it).
     */
    public static OptionalInt fileMaxLength(Path dir) {
        Path file = dir.resolve(TokenizerFiles.TOKENIZER_JSON);
        try {
            JsonNode n = JSON.readTree(file.toFile()).path("truncation").path("max_length");
            return n.isIntegralNumber() && n.intValue() > 0 ? OptionalInt.of(n.intValue()) : OptionalInt.empty();
        } catch (IOException e) {
            throw new TokenizerException(
                    ParseErrors.describe(file, "not valid JSON", e) + ParseErrors.FIX_MODEL_FILE, e);
        }
    }

    /** The most tokens a text keeps; 0 = no limit. */
    public int maxLength() {
        return maxLength;
    }

    /** Whether special tokens are added. */
    public SpecialTokens specialTokens() {
        return special;
    }

    /** The pad id of {@link #pad}. */
    public long padId() {
        return padId;
    }

    /** Encodes every text, in input order. */
    public List<EncodedText> encode(List<String> texts) {
        List<EncodedText> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += CHUNK) {
            List<String> chunk = texts.subList(from, Math.min(texts.size(), from + CHUNK));
            for (Encoding e : tokenizer.batchEncode(chunk)) {
                out.add(new EncodedText(e.getIds(), e.getSpecialTokenMask(), e.exceedMaxLength()));
            }
        }
        return out;
    }

    /** Encodes one text. */
    public EncodedText encode(String text) {
        return encode(List.of(text)).get(0);
    }

    /**
     * Pads texts to the longest of them; token type ids are all 0.
     *
     * @param group the texts of one batch
     */
    public PaddedBatch pad(List<EncodedText> group) {
        int len = group.stream().mapToInt(EncodedText::length).max().orElse(0);
        int b = group.size();
        long[] ids = new long[b * len];
        long[] mask = new long[b * len];
        Arrays.fill(ids, padId);
        for (int r = 0; r < b; r++) {
            EncodedText t = group.get(r);
            System.arraycopy(t.ids(), 0, ids, r * len, t.length());
            Arrays.fill(mask, r * len, r * len + t.length(), 1L);
        }
        return new PaddedBatch(b, len, ids, new long[b * len], mask);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
