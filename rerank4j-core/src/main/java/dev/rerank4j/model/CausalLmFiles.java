package dev.rerank4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.tokenize.ChatTemplate;
import dev.rerank4j.tokenize.TokenizerException;
import dev.rerank4j.tokenize.TokenizerFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sentence-transformers (5.4+) files of a causal-LM reranker: {@code modules.json} with a Transformer
 * ({@code transformer_task: text-generation}) and a {@code LogitScore} module in {@code 1_LogitScore/}, and the chat
 * template ({@code chat_template.jinja}). Reads them at load (the LogitScore token ids: the module's config, else the
 * tokenizer's "yes" and "no" tokens, as sentence-transformers picks them for a bare {@code *ForCausalLM}) and writes
 * them at save, in the exact shape sentence-transformers 6 writes.
 */
final class CausalLmFiles {
    static final String LOGIT_SCORE_DIR = "1_LogitScore";
    static final String LOGIT_SCORE_TYPE = "sentence_transformers.cross_encoder.modules.logit_score.LogitScore";
    static final String TRANSFORMER_TYPE = "sentence_transformers.base.modules.transformer.Transformer";
    private static final String QWEN3_RERANKER_TEMPLATE = "qwen3/qwen3-reranker-chat-template.jinja";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Logger LOG = LoggerFactory.getLogger(CausalLmFiles.class);

    private CausalLmFiles() {}

    /** The LogitScore of a causal-LM model directory. */
    static LogitScore logitScore(Path dir) {
        Optional<Path> module = logitScoreModule(dir);
        if (module.isPresent()) {
            Path file = module.get().resolve("config.json");
            JsonNode c = readJson(file);
            JsonNode t = c.get("true_token_id");
            JsonNode f = c.get("false_token_id");
            if (t == null || !t.isIntegralNumber()) {
                throw new ModelFormatException(file + ": \"true_token_id\" must be a token id, got " + t);
            }
            if (f != null && !f.isNull() && !f.isIntegralNumber()) {
                throw new ModelFormatException(file + ": \"false_token_id\" must be a token id or null, got " + f);
            }
            return new LogitScore(
                    t.intValue(), f == null || f.isNull() ? OptionalInt.empty() : OptionalInt.of(f.intValue()));
        }
        OptionalLong yes = TokenizerFiles.tokenId(dir, "yes");
        OptionalLong no = TokenizerFiles.tokenId(dir, "no");
        if (yes.isEmpty() || no.isEmpty()) {
            throw new ModelFormatException(dir + ": a causal-LM reranker scores logit(yes) - logit(no), but "
                    + TokenizerFiles.TOKENIZER_JSON + " has no \"yes\" and/or \"no\" token; add a " + LOGIT_SCORE_DIR
                    + "/config.json with true_token_id and false_token_id (and list it in modules.json)");
        }
        return LogitScore.of((int) yes.getAsLong(), (int) no.getAsLong());
    }

    private static Optional<Path> logitScoreModule(Path dir) {
        Path modules = dir.resolve(SentenceTransformersFiles.MODULES);
        if (!Files.isRegularFile(modules)) {
            return Optional.empty();
        }
        for (JsonNode m : readJson(modules)) {
            if (m.path("type").asText("").endsWith("LogitScore")) {
                Path path = dir.resolve(m.path("path").asText(LOGIT_SCORE_DIR));
                if (!Files.isRegularFile(path.resolve("config.json"))) {
                    throw new ModelFormatException(modules + ": lists a LogitScore module at \""
                            + m.path("path").asText() + "\" but " + path.resolve("config.json") + " is missing");
                }
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /**
     * The chat template pairs are rendered with: the directory's, if it renders the "query" and "document" roles;
     * else, for Qwen2/Qwen3 (whose tokenizers ship a general chat template), rerank4j's Qwen3-Reranker template.
     *
     * @throws TokenizerException naming the template when there is none that renders a pair
     */
    static ChatTemplate chatTemplate(Path dir, ModelConfig config) {
        Optional<ChatTemplate> own = TokenizerFiles.chatTemplate(dir);
        TokenizerException failure = null;
        if (own.isPresent()) {
            try {
                own.get().parts(Optional.empty());
                return own.get();
            } catch (TokenizerException e) {
                failure = e;
            }
        }
        if (config.modelType().equals("qwen3") || config.modelType().equals("qwen2")) {
            LOG.warn(
                    "{}: {}; using rerank4j's Qwen3-Reranker chat template (system prompt, <Instruct>/<Query>/<Document>,"
                            + " answer cue), which saving writes as {}",
                    dir,
                    failure == null ? "no chat template" : "the chat template renders no query/document pair",
                    TokenizerFiles.CHAT_TEMPLATE);
            return qwen3RerankerTemplate();
        }
        if (failure != null) {
            throw failure;
        }
        throw new TokenizerException(dir + ": a causal-LM reranker needs a chat template that renders the \"query\""
                + " and \"document\" messages (" + TokenizerFiles.CHAT_TEMPLATE + " or tokenizer_config.json's"
                + " chat_template); none found");
    }

    /** rerank4j's Qwen3-Reranker chat template (a resource). */
    static ChatTemplate qwen3RerankerTemplate() {
        try (InputStream in = CausalLmFiles.class.getResourceAsStream(QWEN3_RERANKER_TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + QWEN3_RERANKER_TEMPLATE + " missing from the jar");
            }
            return new ChatTemplate(
                    "rerank4j's Qwen3-Reranker template", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the causal-LM module files of sentence-transformers into {@code dir}, replacing the plain ones. */
    static void write(Path dir, LogitScore score, ChatTemplate template) throws IOException {
        ArrayNode modules = NODES.arrayNode();
        modules.addObject().put("idx", 0).put("name", "0").put("path", "").put("type", TRANSFORMER_TYPE);
        modules.addObject()
                .put("idx", 1)
                .put("name", "1")
                .put("path", LOGIT_SCORE_DIR)
                .put("type", LOGIT_SCORE_TYPE);
        SentenceTransformersFiles.writeJson(dir.resolve(SentenceTransformersFiles.MODULES), modules, 2);

        ObjectNode module = NODES.objectNode();
        module.put("transformer_task", "text-generation");
        ObjectNode modality = module.putObject("modality_config");
        modality.putObject("text").put("method", "forward").put("method_output_name", "logits");
        modality.putObject("message")
                .put("method", "forward")
                .put("method_output_name", "logits")
                .put("format", "flat");
        module.put("module_output_name", "causal_logits");
        SentenceTransformersFiles.writeJson(dir.resolve(SentenceTransformersFiles.MODULE_CONFIG), module, 4);

        ObjectNode head = NODES.objectNode();
        head.put("true_token_id", score.trueTokenId());
        if (score.falseTokenId().isPresent()) {
            head.put("false_token_id", score.falseTokenId().getAsInt());
        } else {
            head.putNull("false_token_id");
        }
        head.put("module_input_name", "causal_logits");
        Files.createDirectories(dir.resolve(LOGIT_SCORE_DIR));
        SentenceTransformersFiles.writeJson(dir.resolve(LOGIT_SCORE_DIR).resolve("config.json"), head, 4);
        Files.writeString(dir.resolve(TokenizerFiles.CHAT_TEMPLATE), template.text(), StandardCharsets.UTF_8);
    }

    private static JsonNode readJson(Path file) {
        try {
            return ConfigJson.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFormatException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }
}
