package dev.rerank4j.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small but real Hugging Face {@code tokenizer.json} files, built in code: a WordPiece (BERT family), a byte-level
 * BPE (RoBERTa) and a Unigram with Metaspace (XLM-RoBERTa) tokenizer over a tiny English vocabulary.
 */
public final class TinyTokenizers {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The words of the tiny vocabularies (each one token). */
    public static final List<String> WORDS = List.of(
            "the",
            "a",
            "cat",
            "dog",
            "sat",
            "on",
            "mat",
            "is",
            "what",
            "where",
            "who",
            "how",
            "many",
            "people",
            "live",
            "in",
            "berlin",
            "paris",
            "city",
            "capital",
            "of",
            "france",
            "germany",
            "search",
            "query",
            "document",
            "answer",
            "question",
            "good",
            "bad",
            "and",
            "to");

    private TinyTokenizers() {}

    /** A lowercasing WordPiece tokenizer with [PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3, [MASK]=4. */
    public static ObjectNode wordPiece() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", "?", ",", "!")) {
            vocab.put(s, vocab.size());
        }
        for (char c = 'a'; c <= 'z'; c++) {
            vocab.putIfAbsent(String.valueOf(c), vocab.size());
            vocab.putIfAbsent("##" + c, vocab.size());
        }
        for (char c = '0'; c <= '9'; c++) {
            vocab.putIfAbsent(String.valueOf(c), vocab.size());
            vocab.putIfAbsent("##" + c, vocab.size());
        }
        WORDS.forEach(w -> vocab.putIfAbsent(w, vocab.size()));
        ObjectNode t = base();
        ArrayNode added = t.putArray("added_tokens");
        for (String s : List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")) {
            added.add(addedToken(vocab.get(s), s));
        }
        t.putObject("normalizer")
                .put("type", "BertNormalizer")
                .put("clean_text", true)
                .put("handle_chinese_chars", true)
                .putNull("strip_accents")
                .put("lowercase", true);
        t.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = t.putObject("post_processor").put("type", "BertProcessing");
        post.putArray("sep").add("[SEP]").add(3);
        post.putArray("cls").add("[CLS]").add(2);
        t.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
        ObjectNode model = t.putObject("model")
                .put("type", "WordPiece")
                .put("unk_token", "[UNK]")
                .put("continuing_subword_prefix", "##")
                .put("max_input_chars_per_word", 100);
        ObjectNode v = model.putObject("vocab");
        vocab.forEach(v::put);
        return t;
    }

    /** A byte-level BPE tokenizer as RoBERTa's: {@code <s>}=0, {@code <pad>}=1, {@code </s>}=2, {@code <unk>}=3. */
    public static ObjectNode byteLevelBpe() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : List.of("<s>", "<pad>", "</s>", "<unk>", "<mask>")) {
            vocab.put(s, vocab.size());
        }
        for (String c : byteLevelAlphabet()) {
            vocab.putIfAbsent(c, vocab.size());
        }
        List<String> merges = new ArrayList<>();
        for (String w : List.of("the", "cat", "dog", "is")) {
            // Merge left to right into whole words, with and without the leading space marker.
            for (String start : List.of("", "Ġ")) {
                String acc = start + w.charAt(0);
                if (!start.isEmpty()) {
                    merges.add(start + " " + w.charAt(0));
                    vocab.putIfAbsent(acc, vocab.size());
                }
                for (int i = 1; i < w.length(); i++) {
                    merges.add(acc + " " + w.charAt(i));
                    acc = acc + w.charAt(i);
                    vocab.putIfAbsent(acc, vocab.size());
                }
            }
        }
        ObjectNode t = base();
        ArrayNode added = t.putArray("added_tokens");
        for (String s : List.of("<s>", "<pad>", "</s>", "<unk>", "<mask>")) {
            added.add(addedToken(vocab.get(s), s));
        }
        t.putNull("normalizer");
        t.putObject("pre_tokenizer")
                .put("type", "ByteLevel")
                .put("add_prefix_space", false)
                .put("trim_offsets", true)
                .put("use_regex", true);
        ObjectNode post = t.putObject("post_processor").put("type", "RobertaProcessing");
        post.putArray("sep").add("</s>").add(2);
        post.putArray("cls").add("<s>").add(0);
        post.put("trim_offsets", true).put("add_prefix_space", false);
        t.putObject("decoder")
                .put("type", "ByteLevel")
                .put("add_prefix_space", true)
                .put("trim_offsets", true)
                .put("use_regex", true);
        ObjectNode model = t.putObject("model")
                .put("type", "BPE")
                .putNull("dropout")
                .putNull("unk_token")
                .putNull("continuing_subword_prefix")
                .putNull("end_of_word_suffix")
                .put("fuse_unk", false)
                .put("byte_fallback", false)
                .put("ignore_merges", false);
        ObjectNode v = model.putObject("vocab");
        vocab.forEach(v::put);
        ArrayNode m = model.putArray("merges");
        merges.forEach(m::add);
        return t;
    }

    /**
     * A byte-level BPE tokenizer as ModernBERT's: the RoBERTa-style vocabulary above plus ModernBERT's special tokens
     * appended at the end ([UNK], [CLS], [SEP], [PAD], [MASK], as its vocabulary ends with them), and the
     * {@code [CLS] A [SEP] B [SEP]} template (segment ids 0 then 1, which ModernBERT ignores).
     */
    public static ObjectNode modernBert() {
        ObjectNode t = byteLevelBpe();
        ObjectNode v = (ObjectNode) t.path("model").path("vocab");
        ArrayNode added = t.putArray("added_tokens");
        for (String s : MODERNBERT_SPECIALS) {
            v.put(s, v.size());
            added.add(addedToken(v.get(s).asInt(), s));
        }
        ObjectNode post = t.putObject("post_processor").put("type", "TemplateProcessing");
        post.putArray("single").add(special("[CLS]", 0)).add(sequence("A", 0)).add(special("[SEP]", 0));
        post.putArray("pair")
                .add(special("[CLS]", 0))
                .add(sequence("A", 0))
                .add(special("[SEP]", 0))
                .add(sequence("B", 1))
                .add(special("[SEP]", 1));
        ObjectNode specials = post.putObject("special_tokens");
        for (String s : List.of("[CLS]", "[SEP]")) {
            ObjectNode entry = specials.putObject(s).put("id", s);
            entry.putArray("ids").add(v.get(s).asInt());
            entry.putArray("tokens").add(s);
        }
        return t;
    }

    /** ModernBERT's special tokens, in the order of its vocabulary. */
    public static final List<String> MODERNBERT_SPECIALS = List.of("[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]");

    /** The id of a token in a tokenizer's vocabulary (BPE or WordPiece). */
    public static int tokenId(ObjectNode tokenizer, String token) {
        return tokenizer.path("model").path("vocab").path(token).asInt(-1);
    }

    /** A Unigram tokenizer with a Metaspace pre-tokenizer as XLM-RoBERTa's: {@code <s>}=0, {@code <pad>}=1. */
    public static ObjectNode unigram() {
        List<String> pieces = new ArrayList<>(List.of("<s>", "<pad>", "</s>", "<unk>"));
        WORDS.forEach(w -> pieces.add("▁" + w));
        for (char c = 'a'; c <= 'z'; c++) {
            pieces.add(String.valueOf(c));
            pieces.add("▁" + c);
        }
        pieces.addAll(List.of("▁", ".", "?", ","));
        pieces.add("<mask>");
        ObjectNode t = base();
        ArrayNode added = t.putArray("added_tokens");
        for (String s : List.of("<s>", "<pad>", "</s>", "<unk>", "<mask>")) {
            added.add(addedToken(pieces.indexOf(s), s));
        }
        t.putNull("normalizer");
        t.putObject("pre_tokenizer")
                .put("type", "Metaspace")
                .put("replacement", "▁")
                .put("prepend_scheme", "always")
                .put("split", true);
        ObjectNode post = t.putObject("post_processor").put("type", "TemplateProcessing");
        post.putArray("single").add(special("<s>", 0)).add(sequence("A", 0)).add(special("</s>", 0));
        post.putArray("pair")
                .add(special("<s>", 0))
                .add(sequence("A", 0))
                .add(special("</s>", 0))
                .add(special("</s>", 0))
                .add(sequence("B", 0))
                .add(special("</s>", 0));
        ObjectNode specials = post.putObject("special_tokens");
        for (String s : List.of("<s>", "</s>")) {
            ObjectNode entry = specials.putObject(s).put("id", s);
            entry.putArray("ids").add(pieces.indexOf(s));
            entry.putArray("tokens").add(s);
        }
        t.putObject("decoder")
                .put("type", "Metaspace")
                .put("replacement", "▁")
                .put("prepend_scheme", "always")
                .put("split", true);
        ObjectNode model =
                t.putObject("model").put("type", "Unigram").put("unk_id", 3).put("byte_fallback", false);
        ArrayNode v = model.putArray("vocab");
        for (int i = 0; i < pieces.size(); i++) {
            String p = pieces.get(i);
            double score =
                    i < 4 || p.equals("<mask>") ? 0.0 : p.startsWith("▁") && p.length() > 2 ? -3.0 : -8.0 - i * 0.01;
            v.addArray().add(p).add(score);
        }
        return t;
    }

    /**
     * A DeBERTa-v3 style SentencePiece Unigram tokenizer: {@code [PAD]}=0, {@code [CLS]}=1, {@code [SEP]}=2,
     * {@code [UNK]}=3, {@code [MASK]} last; normalizer Strip + collapse of repeated spaces, Metaspace pre-tokenizer,
     * and the pair template {@code [CLS] a [SEP] b [SEP]} with token types 0 for the first segment and 1 for the
     * second (as transformers' {@code DebertaV2Converter} writes it).
     */
    public static ObjectNode debertaUnigram() {
        List<String> pieces = new ArrayList<>(List.of("[PAD]", "[CLS]", "[SEP]", "[UNK]"));
        WORDS.forEach(w -> pieces.add("▁" + w));
        for (char c = 'a'; c <= 'z'; c++) {
            pieces.add(String.valueOf(c));
            pieces.add("▁" + c);
        }
        pieces.addAll(List.of("▁", ".", "?", ","));
        pieces.add("[MASK]");
        ObjectNode t = base();
        ArrayNode added = t.putArray("added_tokens");
        for (String s : List.of("[PAD]", "[CLS]", "[SEP]", "[UNK]", "[MASK]")) {
            added.add(addedToken(pieces.indexOf(s), s));
        }
        ObjectNode normalizer = t.putObject("normalizer").put("type", "Sequence");
        ArrayNode steps = normalizer.putArray("normalizers");
        steps.addObject().put("type", "Strip").put("strip_left", true).put("strip_right", true);
        ObjectNode collapse = steps.addObject().put("type", "Replace");
        collapse.putObject("pattern").put("Regex", " {2,}");
        collapse.put("content", " ");
        t.putObject("pre_tokenizer")
                .put("type", "Metaspace")
                .put("replacement", "▁")
                .put("prepend_scheme", "always")
                .put("split", true);
        ObjectNode post = t.putObject("post_processor").put("type", "TemplateProcessing");
        post.putArray("single").add(special("[CLS]", 0)).add(sequence("A", 0)).add(special("[SEP]", 0));
        post.putArray("pair")
                .add(special("[CLS]", 0))
                .add(sequence("A", 0))
                .add(special("[SEP]", 0))
                .add(sequence("B", 1))
                .add(special("[SEP]", 1));
        ObjectNode specials = post.putObject("special_tokens");
        for (String s : List.of("[CLS]", "[SEP]")) {
            ObjectNode entry = specials.putObject(s).put("id", s);
            entry.putArray("ids").add(pieces.indexOf(s));
            entry.putArray("tokens").add(s);
        }
        t.putObject("decoder")
                .put("type", "Metaspace")
                .put("replacement", "▁")
                .put("prepend_scheme", "always")
                .put("split", true);
        ObjectNode model =
                t.putObject("model").put("type", "Unigram").put("unk_id", 3).put("byte_fallback", false);
        ArrayNode v = model.putArray("vocab");
        for (int i = 0; i < pieces.size(); i++) {
            String p = pieces.get(i);
            double score = p.startsWith("[") ? 0.0 : p.startsWith("▁") && p.length() > 2 ? -3.0 : -8.0 - i * 0.01;
            v.addArray().add(p).add(score);
        }
        return t;
    }

    /** The number of ids in a tokenizer's vocabulary. */
    public static int vocabSize(ObjectNode tokenizer) {
        return tokenizer.path("model").path("vocab").size();
    }

    private static ObjectNode base() {
        ObjectNode t = JSON.createObjectNode();
        t.put("version", "1.0");
        t.putNull("truncation");
        t.putNull("padding");
        return t;
    }

    private static ObjectNode addedToken(int id, String content) {
        return JSON.createObjectNode()
                .put("id", id)
                .put("content", content)
                .put("single_word", false)
                .put("lstrip", false)
                .put("rstrip", false)
                .put("normalized", false)
                .put("special", true);
    }

    private static ObjectNode special(String id, int type) {
        ObjectNode n = JSON.createObjectNode();
        n.putObject("SpecialToken").put("id", id).put("type_id", type);
        return n;
    }

    private static ObjectNode sequence(String id, int type) {
        ObjectNode n = JSON.createObjectNode();
        n.putObject("Sequence").put("id", id).put("type_id", type);
        return n;
    }

    /** The 256 printable characters GPT-2's byte-level pre-tokenizer maps bytes to. */
    private static List<String> byteLevelAlphabet() {
        List<Integer> bs = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            bs.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            bs.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            bs.add(b);
        }
        List<String> out = new ArrayList<>();
        bs.forEach(b -> out.add(String.valueOf((char) (int) b)));
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!bs.contains(b)) {
                out.add(String.valueOf((char) (256 + n)));
                n++;
            }
        }
        return out;
    }
}
