package dev.rerank4j.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.io.DType;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.ParamSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Tiny random-initialised Hugging Face model directories, generated in code for tests: {@code config.json},
 * {@code model.safetensors} and {@code tokenizer.json} (plus {@code tokenizer_config.json}), for every supported
 * architecture. Hidden size 32, 2 layers, 4 heads: fast, but every code path of a real model.
 */
public final class TinyModels {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which weights the checkpoint holds. */
    public enum Checkpoint {
        /** A {@code *ForSequenceClassification} checkpoint with a trained head. */
        WITH_HEAD,
        /** A bare base model ({@code BertModel}): no head, no base-model prefix. */
        BASE_MODEL
    }

    private TinyModels() {}

    /** Writes a tiny model of {@code architecture} into {@code dir} (created) and returns it. */
    public static Path write(Path dir, Architecture architecture, Checkpoint checkpoint, int numLabels, long seed) {
        return write(dir, architecture, checkpoint, numLabels, seed, c -> {});
    }

    /**
     * Writes a tiny model of {@code architecture} whose {@code config.json} is first edited by {@code configEdit}
     * (a variant: the weights follow the edited config).
     */
    public static Path write(
            Path dir,
            Architecture architecture,
            Checkpoint checkpoint,
            int numLabels,
            long seed,
            java.util.function.Consumer<ObjectNode> configEdit) {
        try {
            Files.createDirectories(dir);
            ObjectNode tokenizer = switch (architecture) {
                case ROBERTA -> TinyTokenizers.byteLevelBpe();
                case XLM_ROBERTA -> TinyTokenizers.unigram();
                case DEBERTA_V2 -> TinyTokenizers.debertaUnigram();
                case MODERNBERT -> TinyTokenizers.modernBert();
                default -> TinyTokenizers.wordPiece();
            };
            ObjectNode config = config(architecture, TinyTokenizers.vocabSize(tokenizer), checkpoint, numLabels);
            if (architecture == Architecture.MODERNBERT) {
                TinyModernBert.specialIds(config, tokenizer);
            }
            configEdit.accept(config);
            JSON.writerWithDefaultPrettyPrinter()
                    .writeValue(dir.resolve("config.json").toFile(), config);
            JSON.writeValue(dir.resolve("tokenizer.json").toFile(), tokenizer);
            ObjectNode tokConfig = JSON.createObjectNode().put("model_max_length", 512);
            JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), tokConfig);
            writeWeights(dir, architecture, ModelConfig.fromJson(config), checkpoint, seed);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of the tiny Qwen3 causal-LM reranker fixture that a model directory holds. */
    private static final java.util.List<String> QWEN3_RERANKER_FILES = java.util.List.of(
            "config.json",
            "model.safetensors",
            "tokenizer.json",
            "tokenizer_config.json",
            "chat_template.jinja",
            "generation_config.json",
            "modules.json",
            "sentence_bert_config.json",
            "config_sentence_transformers.json",
            "1_LogitScore/config.json");

    /**
     * The tiny Qwen3 causal-LM reranker (chat template, LogitScore; made by transformers / sentence-transformers,
     * {@code src/test/python/make_qwen3_fixtures.py}) copied into {@code dir}, from this module's test resources
     * (read as a stream, so other modules can use it from the test jar).
     */
    public static Path qwen3Reranker(Path dir) {
        try {
            for (String f : QWEN3_RERANKER_FILES) {
                Path target = dir.resolve(f);
                Files.createDirectories(target.getParent());
                try (java.io.InputStream in = TinyModels.class.getResourceAsStream("/fixtures/qwen3/causal/" + f)) {
                    if (in == null) {
                        throw new IllegalStateException("test resource /fixtures/qwen3/causal/" + f + " is missing");
                    }
                    Files.copy(in, target);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tiny one-label reranker with a trained head. */
    public static Path reranker(Path dir, Architecture architecture) {
        return write(dir, architecture, Checkpoint.WITH_HEAD, 1, 7);
    }

    static ObjectNode config(Architecture a, int vocab, Checkpoint checkpoint, int numLabels) {
        ObjectNode c = JSON.createObjectNode();
        boolean head = checkpoint == Checkpoint.WITH_HEAD;
        String base = switch (a) {
            case BERT -> "BertModel";
            case ELECTRA -> "ElectraModel";
            case ROBERTA -> "RobertaModel";
            case XLM_ROBERTA -> "XLMRobertaModel";
            case DISTILBERT -> "DistilBertModel";
            case QWEN3 -> "Qwen3Model";
            case QWEN2 -> "Qwen2Model";
            case DEBERTA_V2 -> "DebertaV2Model";
            case MODERNBERT -> "ModernBertModel";
        };
        c.putArray("architectures").add(head ? a.classificationClass() : base);
        c.put("model_type", a.modelType());
        c.put("vocab_size", vocab);
        c.put("initializer_range", 0.02);
        if (a == Architecture.QWEN3 || a == Architecture.QWEN2) {
            c.put("hidden_size", 32).put("num_hidden_layers", 2).put("num_attention_heads", 4);
            c.put("num_key_value_heads", 2).put("intermediate_size", 48).put("hidden_act", "silu");
            c.put("max_position_embeddings", 64).put("rms_norm_eps", 1e-6).put("rope_theta", 10000.0);
            c.put("pad_token_id", 0).put("tie_word_embeddings", true);
            if (a == Architecture.QWEN3) {
                c.put("head_dim", 16); // wider than hidden / heads, as Qwen3-0.6B's 128 vs 1024 / 16
            }
        } else if (a == Architecture.MODERNBERT) {
            TinyModernBert.sizes(c);
        } else if (a == Architecture.DISTILBERT) {
            c.put("dim", 32).put("n_layers", 2).put("n_heads", 4).put("hidden_dim", 64);
            c.put("activation", "gelu").put("dropout", 0.1).put("attention_dropout", 0.1);
            c.put("seq_classif_dropout", 0.2).put("max_position_embeddings", 64).put("pad_token_id", 0);
            c.put("sinusoidal_pos_embds", false);
        } else if (a == Architecture.DEBERTA_V2) {
            debertaV3(c);
        } else {
            boolean roberta = a == Architecture.ROBERTA || a == Architecture.XLM_ROBERTA;
            c.put("hidden_size", 32).put("num_hidden_layers", 2).put("num_attention_heads", 4);
            c.put("intermediate_size", 64).put("hidden_act", "gelu");
            c.put("hidden_dropout_prob", 0.1).put("attention_probs_dropout_prob", 0.1);
            c.put("max_position_embeddings", roberta ? 66 : 64);
            c.put("type_vocab_size", roberta ? 1 : 2);
            c.put("layer_norm_eps", roberta ? 1e-5 : 1e-12);
            c.put("pad_token_id", roberta ? 1 : 0);
            c.put("position_embedding_type", "absolute");
            if (a == Architecture.ELECTRA) {
                c.put("embedding_size", 16);
            }
        }
        if (head) {
            ObjectNode id2label = c.putObject("id2label");
            ObjectNode label2id = c.putObject("label2id");
            for (int i = 0; i < numLabels; i++) {
                id2label.put(Integer.toString(i), "LABEL_" + i);
                label2id.put("LABEL_" + i, i);
            }
        }
        return c;
    }

    /**
     * A tiny DeBERTa-v3: relative attention with both terms over log buckets (8 buckets, so sequences past 4 tokens
     * reach the log range), shared keys, normalised relative embeddings, no absolute positions, no token types.
     */
    private static void debertaV3(ObjectNode c) {
        c.put("hidden_size", 32).put("num_hidden_layers", 2).put("num_attention_heads", 4);
        c.put("intermediate_size", 64).put("hidden_act", "gelu");
        c.put("hidden_dropout_prob", 0.1).put("attention_probs_dropout_prob", 0.1);
        c.put("max_position_embeddings", 64).put("type_vocab_size", 0).put("layer_norm_eps", 1e-7);
        c.put("pad_token_id", 0).put("position_biased_input", false).put("relative_attention", true);
        c.put("max_relative_positions", -1).put("position_buckets", 8).put("pos_att_type", "p2c|c2p");
        c.put("share_att_key", true).put("norm_rel_ebd", "layer_norm");
        c.put("pooler_hidden_size", 32).put("pooler_dropout", 0).put("pooler_hidden_act", "gelu");
    }

    private static void writeWeights(Path dir, Architecture a, ModelConfig config, Checkpoint checkpoint, long seed)
            throws IOException {
        var network = a.network(config);
        String prefix = network.basePrefix() + ".";
        Random random = new Random(seed);
        List<Tensor> tensors = new ArrayList<>();
        for (ParamSpec spec : network.parameterSpecs()) {
            boolean headWeight = spec.role() == ParamSpec.Role.HEAD;
            if (checkpoint == Checkpoint.BASE_MODEL && headWeight) {
                continue;
            }
            float[] values = new float[Math.toIntExact(spec.numel())];
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (spec.init()) {
                    case ONES -> 1f + (float) (random.nextGaussian() * 0.1);
                    case ZEROS -> (float) (random.nextGaussian() * 0.05);
                    case NORMAL -> (float) (random.nextGaussian() * 0.2);
                };
            }
            String name = checkpoint == Checkpoint.BASE_MODEL && spec.name().startsWith(prefix)
                    ? spec.name().substring(prefix.length())
                    : spec.name();
            tensors.add(Tensor.of(name, spec.shape(), values));
        }
        Safetensors.write(dir.resolve("model.safetensors"), tensors, DType.F32);
    }
}
