package dev.rerank4j.hub;

import static dev.rerank4j.hub.BundledMiniLmWeights.HIDDEN;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.rerank4j.ParseErrors;
import dev.rerank4j.io.WeightsFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The small files of the sentence-transformers/all-MiniLM-L6-v2 hub repository, rebuilt with the hub's content:
 * configs, vocab.txt (from tokenizer.json) and a README saying where the directory came from.
 */
final class BundledMiniLmFiles {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ObjectWriter PRETTY = JSON.writer(pythonStylePrinter());
    private static final String BASE_MODEL = "nreimers/MiniLM-L6-H384-uncased";

    private BundledMiniLmFiles() {}

    static void writeAll(Path dir, Path tokenizerJson) throws IOException {
        writeJson(dir.resolve("config.json"), config());
        writeJson(dir.resolve("tokenizer_config.json"), tokenizerConfig());
        writeJson(dir.resolve("special_tokens_map.json"), specialTokens(JSON.createObjectNode()));
        writeJson(dir.resolve("modules.json"), modules());
        ObjectNode sbert = JSON.createObjectNode().put("max_seq_length", 256).put("do_lower_case", false);
        writeJson(dir.resolve("sentence_bert_config.json"), sbert);
        writeJson(Files.createDirectories(dir.resolve("1_Pooling")).resolve("config.json"), pooling());
        ObjectNode versions = JSON.createObjectNode();
        versions.putObject("__version__")
                .put("sentence_transformers", "2.0.0")
                .put("transformers", "4.6.1")
                .put("pytorch", "1.8.1");
        writeJson(dir.resolve("config_sentence_transformers.json"), versions);
        Files.writeString(dir.resolve("vocab.txt"), vocab(tokenizerJson), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("README.md"), readme(), StandardCharsets.UTF_8);
    }

    /** The hub's config.json: keys sorted, as transformers writes them. */
    static ObjectNode config() {
        ObjectNode c = JSON.createObjectNode();
        c.put("_name_or_path", BASE_MODEL);
        c.putArray("architectures").add("BertModel");
        c.put("attention_probs_dropout_prob", 0.1);
        c.put("gradient_checkpointing", false);
        c.put("hidden_act", "gelu");
        c.put("hidden_dropout_prob", 0.1);
        c.put("hidden_size", HIDDEN);
        c.put("initializer_range", 0.02);
        c.put("intermediate_size", BundledMiniLmWeights.INTERMEDIATE);
        c.putRawValue("layer_norm_eps", new RawValue("1e-12"));
        c.put("max_position_embeddings", BundledMiniLmWeights.MAX_POSITIONS);
        c.put("model_type", "bert");
        c.put("num_attention_heads", BundledMiniLmWeights.HEADS);
        c.put("num_hidden_layers", BundledMiniLmWeights.LAYERS);
        c.put("pad_token_id", 0);
        c.put("position_embedding_type", "absolute");
        c.put("transformers_version", "4.8.2");
        c.put("type_vocab_size", BundledMiniLmWeights.TYPE_VOCAB);
        c.put("use_cache", true);
        c.put("vocab_size", BundledMiniLmWeights.VOCAB);
        return c;
    }

    private static ObjectNode tokenizerConfig() {
        ObjectNode t = JSON.createObjectNode().put("do_lower_case", true);
        specialTokens(t);
        t.put("tokenize_chinese_chars", true);
        t.putNull("strip_accents");
        t.put("name_or_path", BASE_MODEL);
        t.put("do_basic_tokenize", true);
        t.putNull("never_split");
        t.put("tokenizer_class", "BertTokenizer");
        t.put("model_max_length", BundledMiniLmWeights.MAX_POSITIONS);
        return t;
    }

    private static ObjectNode specialTokens(ObjectNode node) {
        return node.put("unk_token", "[UNK]")
                .put("sep_token", "[SEP]")
                .put("pad_token", "[PAD]")
                .put("cls_token", "[CLS]")
                .put("mask_token", "[MASK]");
    }

    private static JsonNode modules() {
        var modules = JSON.createArrayNode();
        String[][] rows = {
            {"0", "", "sentence_transformers.models.Transformer"},
            {"1", "1_Pooling", "sentence_transformers.models.Pooling"},
            {"2", "2_Normalize", "sentence_transformers.models.Normalize"}
        };
        for (int i = 0; i < rows.length; i++) {
            modules.addObject()
                    .put("idx", i)
                    .put("name", rows[i][0])
                    .put("path", rows[i][1])
                    .put("type", rows[i][2]);
        }
        return modules;
    }

    private static ObjectNode pooling() {
        return JSON.createObjectNode()
                .put("word_embedding_dimension", HIDDEN)
                .put("pooling_mode_cls_token", false)
                .put("pooling_mode_mean_tokens", true)
                .put("pooling_mode_max_tokens", false)
                .put("pooling_mode_mean_sqrt_len_tokens", false);
    }

    /** One token per line in id order, from tokenizer.json's {@code model.vocab}. */
    static String vocab(Path tokenizerJson) throws IOException {
        JsonNode vocab;
        try {
            vocab = JSON.readTree(tokenizerJson.toFile()).path("model").path("vocab");
        } catch (JacksonException e) {
            throw new WeightsFormatException(
                    ParseErrors.describe(tokenizerJson, "not valid JSON", e) + ParseErrors.FIX_MODEL_FILE, e);
        }
        if (!vocab.isObject() || vocab.size() != BundledMiniLmWeights.VOCAB) {
            throw new WeightsFormatException(tokenizerJson + ": model.vocab must map " + BundledMiniLmWeights.VOCAB
                    + " tokens to ids, found " + vocab.getNodeType() + " of size " + vocab.size());
        }
        String[] tokens = new String[vocab.size()];
        for (Map.Entry<String, JsonNode> e : vocab.properties()) {
            int id = e.getValue().asInt(-1);
            if (id < 0 || id >= tokens.length || tokens[id] != null) {
                throw new WeightsFormatException(tokenizerJson + ": model.vocab id of '" + e.getKey() + "' is "
                        + e.getValue() + "; ids must be 0.." + (tokens.length - 1) + ", each once");
            }
            tokens[id] = e.getKey();
        }
        return String.join("\n", tokens) + "\n";
    }

    private static String readme() {
        return """
                # all-MiniLM-L6-v2 (offline copy built by rerank4j)

                This directory mirrors the Hugging Face repository
                [sentence-transformers/all-MiniLM-L6-v2](https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2)
                (Apache-2.0). rerank4j's `dev.rerank4j.hub.BundledMiniLm` built it without network access from the
                Maven artifact `%s`, which bundles the ONNX export published as
                [Xenova/all-MiniLM-L6-v2](https://huggingface.co/Xenova/all-MiniLM-L6-v2) (`onnx/model.onnx`) and its
                `tokenizer.json`.

                - `model.safetensors`: the ONNX initializers under their HF `BertModel` names (float32). The 36 Linear
                  weights, anonymous in the export (`onnx::MatMul_*`), are named after the MatMul node consuming them
                  and transposed from `[in, out]` to `[out, in]`; `embeddings.position_ids` is dropped.
                - `tokenizer.json`: the bundled file, unchanged. `vocab.txt` lists its vocabulary in id order.
                - The other files repeat the hub repository's configuration.
                """.formatted(BundledMiniLm.ARTIFACT);
    }

    private static void writeJson(Path file, JsonNode node) throws IOException {
        Files.writeString(file, PRETTY.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
    }

    /** Indented like Python's {@code json.dumps(indent=2)}: {@code "key": value}, one array element per line. */
    private static DefaultPrettyPrinter pythonStylePrinter() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
