package dev.rerank4j.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.rerank4j.TextPair;
import dev.rerank4j.TokenCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Encodes (query, document) pairs for a causal-LM reranker, as sentence-transformers (5.4+) does: each pair is
 * rendered through the model's {@link ChatTemplate} and tokenized without added special tokens (the template writes
 * them), and batches are padded on the LEFT, so that every row's last position is its last real token, the one the
 * score is read at.
 *
 * <p>Truncation never cuts the template: when a pair exceeds {@code maxLength} tokens, the document's tokens are cut
 * from its end first, then the query's, and the template's own tokens (system prompt, instruction, the closing answer
 * cue) all stay. The kept tokens are those of the full text's tokenization, so an untruncated pair gets exactly the
 * ids {@code apply_chat_template} gives. Thread-safe.
 */
public final class ChatTemplateTokenizer implements PairEncoder {
    private final HuggingFaceTokenizer tokenizer;
    private final ChatTemplate template;
    private final TokenizerOptions options;
    private final long padId;

    private ChatTemplateTokenizer(
            HuggingFaceTokenizer tokenizer, ChatTemplate template, TokenizerOptions options, long padId) {
        this.tokenizer = tokenizer;
        this.template = template;
        this.options = options;
        this.padId = padId;
    }

    /**
     * Loads {@code tokenizer.json} from a model directory.
     *
     * @param template the chat template (see {@link TokenizerFiles#chatTemplate})
     * @throws TokenizerException if the file is missing or unreadable
     */
    public static ChatTemplateTokenizer load(
            Path modelDir, ChatTemplate template, TokenizerOptions options, long padId) {
        Path file = modelDir.resolve(TokenizerFiles.TOKENIZER_JSON);
        if (!Files.isRegularFile(file)) {
            throw new TokenizerException(file + ": missing. rerank4j needs the fast-tokenizer file tokenizer.json");
        }
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .optWithOverflowingTokens(false)
                    .build();
            return new ChatTemplateTokenizer(t, template, options, padId);
        } catch (IOException | RuntimeException e) {
            throw new TokenizerException(
                    file + ": cannot be loaded as a Hugging Face tokenizer (" + e.getMessage() + ")", e);
        }
    }

    /** The chat template pairs are rendered with. */
    public ChatTemplate template() {
        return template;
    }

    @Override
    public TokenizerOptions options() {
        return options;
    }

    @Override
    public long padId() {
        return padId;
    }

    @Override
    public List<EncodedPair> encode(List<TextPair> pairs) {
        return encode(pairs, Optional.empty());
    }

    @Override
    public List<EncodedPair> encode(List<TextPair> pairs, Optional<String> prompt) {
        ChatTemplate.Parts parts = template.parts(prompt.filter(t -> !t.isEmpty()));
        List<EncodedPair> out = new ArrayList<>(pairs.size());
        for (TextPair p : pairs) {
            out.add(encodeOne(parts, p));
        }
        return out;
    }

    /**
     * Counts the tokens of each pair as {@link #encode(List, Optional)} gives them (the template's tokens included)
     * and before truncation: what a server reports as usage, and how it knows that a pair would be cut.
     */
    @Override
    public List<TokenCount> count(List<TextPair> pairs, Optional<String> prompt) {
        ChatTemplate.Parts parts = template.parts(prompt.filter(t -> !t.isEmpty()));
        List<TokenCount> out = new ArrayList<>(pairs.size());
        for (TextPair p : pairs) {
            Encoding whole = wholeEncoding(parts, p);
            int untruncated = whole.getIds().length;
            int kept = untruncated <= options.maxLength()
                    ? untruncated
                    : encodeOne(parts, p, whole).length();
            out.add(new TokenCount(kept, untruncated));
        }
        return out;
    }

    private Encoding wholeEncoding(ChatTemplate.Parts parts, TextPair pair) {
        return tokenizer.encode(parts.join(pair.query(), pair.document()), false, false);
    }

    private EncodedPair encodeOne(ChatTemplate.Parts parts, TextPair pair) {
        return encodeOne(parts, pair, wholeEncoding(parts, pair));
    }

    private EncodedPair encodeOne(ChatTemplate.Parts parts, TextPair pair, Encoding e) {
        long[] ids = e.getIds();
        if (ids.length <= options.maxLength()) {
            return new EncodedPair(ids, new long[ids.length], false);
        }
        // the tokenizer's offsets count Unicode code points (an emoji is one, two Java chars)
        int queryStart = codePoints(parts.prefix());
        int queryEnd = queryStart + codePoints(pair.query());
        int documentStart = queryEnd + codePoints(parts.middle());
        int documentEnd = documentStart + codePoints(pair.document());
        CharSpan[] spans = e.getCharTokenSpans();
        byte[] region = new byte[ids.length]; // 0 template, 1 query, 2 document
        int queryTokens = 0;
        int documentTokens = 0;
        for (int i = 0; i < ids.length; i++) {
            CharSpan s = spans[i];
            if (s != null && overlaps(s, documentStart, documentEnd)) {
                region[i] = 2;
                documentTokens++;
            } else if (s != null && overlaps(s, queryStart, queryEnd)) {
                region[i] = 1;
                queryTokens++;
            }
        }
        int budget = options.maxLength() - (ids.length - queryTokens - documentTokens);
        if (budget < 0) {
            throw new TokenizerException("maxLength " + options.maxLength() + " is shorter than the chat template of "
                    + template.source() + " itself (" + (ids.length - queryTokens - documentTokens)
                    + " tokens without the query and document); raise maxLength");
        }
        int keepDocument = Math.min(documentTokens, Math.max(0, budget - queryTokens));
        int keepQuery = Math.min(queryTokens, budget - keepDocument);
        long[] kept = new long[ids.length - (queryTokens - keepQuery) - (documentTokens - keepDocument)];
        int n = 0;
        int q = 0;
        int d = 0;
        for (int i = 0; i < ids.length; i++) {
            if (region[i] == 0 || (region[i] == 1 && q++ < keepQuery) || (region[i] == 2 && d++ < keepDocument)) {
                kept[n++] = ids[i];
            }
        }
        return new EncodedPair(kept, new long[kept.length], true);
    }

    private static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    private static boolean overlaps(CharSpan s, int from, int to) {
        return s.getStart() < to && s.getEnd() > from;
    }

    /** Pads on the left: {@code [pad ... pad, tokens]}, attention mask 0 on the padding. */
    @Override
    public PaddedBatch pad(List<EncodedPair> group, boolean keepTypeIds) {
        int len = group.stream().mapToInt(EncodedPair::length).max().orElse(0);
        int b = group.size();
        long[] ids = new long[b * len];
        long[] types = new long[b * len];
        long[] mask = new long[b * len];
        Arrays.fill(ids, padId);
        for (int r = 0; r < b; r++) {
            long[] pi = group.get(r).ids();
            int start = r * len + len - pi.length;
            System.arraycopy(pi, 0, ids, start, pi.length);
            Arrays.fill(mask, start, start + pi.length, 1L);
        }
        return new PaddedBatch(b, len, ids, types, mask);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
