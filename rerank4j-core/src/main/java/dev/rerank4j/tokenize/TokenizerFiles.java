package dev.rerank4j.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.ParseErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What rerank4j reads from the tokenizer files a Hugging Face model directory holds besides {@code tokenizer.json}:
 * {@code tokenizer_config.json} (maximum length, special tokens) and {@code special_tokens_map.json}.
 */
public final class TokenizerFiles {
    /** The fast-tokenizer file. */
    public static final String TOKENIZER_JSON = "tokenizer.json";
    /** The tokenizer's settings, as transformers writes them. */
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    /** The special tokens by role. */
    public static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
    /** The chat template file transformers (4.49+) and sentence-transformers save beside the tokenizer. */
    public static final String CHAT_TEMPLATE = "chat_template.jinja";
    /** Vocabulary files a slow tokenizer needs; copied along when a model is saved. */
    public static final List<String> VOCAB_FILES =
            List.of("vocab.txt", "vocab.json", "merges.txt", "sentencepiece.bpe.model", "spiece.model");

    /** transformers stores {@code int(1e30)} when a tokenizer has no maximum length; any value above this is that. */
    private static final double NO_LIMIT = 1e9;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFiles() {}

    /** {@code model_max_length} from {@code tokenizer_config.json}, unless absent or transformers' "no limit". */
    public static OptionalInt modelMaxLength(Path modelDir) {
        JsonNode v = readJson(modelDir.resolve(TOKENIZER_CONFIG))
                .map(c -> c.get("model_max_length"))
                .orElse(null);
        if (v == null || !v.isNumber() || v.doubleValue() > NO_LIMIT || v.doubleValue() < 1) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(v.intValue());
    }

    /**
     * The id of the pad token: {@code padding.pad_id} of {@code tokenizer.json}, else the id of the pad token named in
     * {@code tokenizer_config.json} or {@code special_tokens_map.json}, looked up in {@code tokenizer.json}.
     */
    public static OptionalLong padId(Path modelDir) {
        Optional<JsonNode> tokenizer = readJson(modelDir.resolve(TOKENIZER_JSON));
        JsonNode padding = tokenizer.map(t -> t.path("padding").path("pad_id")).orElse(null);
        if (padding != null && padding.isIntegralNumber()) {
            return OptionalLong.of(padding.longValue());
        }
        Optional<String> padToken = tokenName(modelDir.resolve(TOKENIZER_CONFIG), "pad_token")
                .or(() -> tokenName(modelDir.resolve(SPECIAL_TOKENS_MAP), "pad_token"));
        if (padToken.isEmpty() || tokenizer.isEmpty()) {
            return OptionalLong.empty();
        }
        return tokenId(tokenizer.get(), padToken.get());
    }

    /** The id of a token of {@code tokenizer.json} (an added token or a vocabulary entry), e.g. {@code "yes"}. */
    public static OptionalLong tokenId(Path modelDir, String token) {
        return readJson(modelDir.resolve(TOKENIZER_JSON))
                .map(t -> tokenId(t, token))
                .orElse(OptionalLong.empty());
    }

    /**
     * The chat template of a model directory, as transformers finds it: {@code chat_template.jinja}, else
     * {@code tokenizer_config.json}'s {@code chat_template} (a string, or a list of named templates: the one named
     * {@code default}).
     */
    public static Optional<ChatTemplate> chatTemplate(Path modelDir) {
        Path file = modelDir.resolve(CHAT_TEMPLATE);
        if (Files.isRegularFile(file)) {
            try {
                return Optional.of(new ChatTemplate(file.toString(), Files.readString(file)));
            } catch (IOException e) {
                throw new TokenizerException(file + ": cannot be read (" + e.getMessage() + ")", e);
            }
        }
        Path config = modelDir.resolve(TOKENIZER_CONFIG);
        JsonNode v = readJson(config).map(c -> c.get("chat_template")).orElse(null);
        if (v != null && v.isTextual()) {
            return Optional.of(new ChatTemplate(config + " (chat_template)", v.asText()));
        }
        if (v != null && v.isArray()) {
            for (JsonNode named : v) {
                if ("default".equals(named.path("name").asText(null))
                        && named.path("template").isTextual()) {
                    return Optional.of(new ChatTemplate(
                            config + " (chat_template \"default\")",
                            named.path("template").asText()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> tokenName(Path file, String role) {
        JsonNode v = readJson(file).map(c -> c.get(role)).orElse(null);
        if (v == null) {
            return Optional.empty();
        }
        if (v.isTextual()) {
            return Optional.of(v.asText());
        }
        JsonNode content = v.get("content");
        return content != null && content.isTextual() ? Optional.of(content.asText()) : Optional.empty();
    }

    private static OptionalLong tokenId(JsonNode tokenizer, String token) {
        for (JsonNode added : tokenizer.path("added_tokens")) {
            if (token.equals(added.path("content").asText(null))) {
                return OptionalLong.of(added.path("id").asLong());
            }
        }
        JsonNode vocab = tokenizer.path("model").path("vocab");
        if (vocab.isObject() && vocab.has(token)) {
            return OptionalLong.of(vocab.get(token).asLong());
        }
        if (vocab.isArray()) { // Unigram: [[piece, score], ...]
            for (int i = 0; i < vocab.size(); i++) {
                if (token.equals(vocab.get(i).path(0).asText(null))) {
                    return OptionalLong.of(i);
                }
            }
        }
        return OptionalLong.empty();
    }

    private static Optional<JsonNode> readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new TokenizerException(
                    ParseErrors.describe(file, "not valid JSON", e) + ParseErrors.FIX_MODEL_FILE, e);
        }
    }

    /**
     * Writes {@code tokenizer_config.json} and {@code special_tokens_map.json} into {@code dst}: copies of the source's
     * when it has them (with {@code model_max_length} set when the maximum length was chosen explicitly, as
     * sentence-transformers saves it), else generated from the special tokens of {@code tokenizer.json}.
     */
    public static void writeConfig(Path src, Path dst, int maxLength, boolean explicitMaxLength) throws IOException {
        ObjectNode config = readJson(src.resolve(TOKENIZER_CONFIG))
                .filter(JsonNode::isObject)
                .map(n -> (ObjectNode) n.deepCopy())
                .orElseGet(() -> generatedConfig(src, maxLength));
        if (explicitMaxLength || !config.has("model_max_length")) {
            config.put("model_max_length", maxLength);
        }
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(dst.resolve(TOKENIZER_CONFIG).toFile(), config);
        Path map = src.resolve(SPECIAL_TOKENS_MAP);
        if (Files.isRegularFile(map)) {
            Files.copy(map, dst.resolve(SPECIAL_TOKENS_MAP));
        } else {
            JSON.writerWithDefaultPrettyPrinter()
                    .writeValue(dst.resolve(SPECIAL_TOKENS_MAP).toFile(), specialTokens(src));
        }
    }

    private static ObjectNode generatedConfig(Path src, int maxLength) {
        ObjectNode config = specialTokens(src);
        config.put("model_max_length", maxLength);
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        config.put("clean_up_tokenization_spaces", false);
        return config;
    }

    /** Roles of the special tokens in {@code tokenizer.json}, recognised by their usual BERT and RoBERTa names. */
    private static ObjectNode specialTokens(Path src) {
        ObjectNode roles = JSON.createObjectNode();
        JsonNode tokenizer = readJson(src.resolve(TOKENIZER_JSON)).orElseGet(JSON::createObjectNode);
        for (JsonNode added : tokenizer.path("added_tokens")) {
            if (!added.path("special").asBoolean(false)) {
                continue;
            }
            String t = added.path("content").asText();
            switch (t) {
                case "[CLS]" -> roles.put("cls_token", t);
                case "[SEP]" -> roles.put("sep_token", t);
                case "<s>" -> roles.put("bos_token", t).put("cls_token", t);
                case "</s>" -> roles.put("eos_token", t).put("sep_token", t);
                case "[PAD]", "<pad>" -> roles.put("pad_token", t);
                case "[UNK]", "<unk>" -> roles.put("unk_token", t);
                case "[MASK]", "<mask>" -> roles.put("mask_token", t);
                default -> {}
            }
        }
        return roles;
    }
}
