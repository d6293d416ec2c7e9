package dev.rerank4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.io.DType;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.ParamSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A ModernBERT-base-sized reranker with random weights (vocabulary 50,368, hidden 768, 22 layers, 12 heads,
 * intermediate 1,152, a window of 128, every third layer global, 8,192 positions: 149.6M parameters, 598 MB in fp32)
 * and a byte-level tokenizer with no merges (one token per byte), for the ModernBERT benchmarks.
 */
final class ModernBertBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModernBertBase() {}

    /** Writes the model into {@code dir} unless it is there already; returns {@code dir}. */
    static Path write(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve("model.safetensors"))) {
            return dir;
        }
        Path tmp = Files.createTempDirectory(dir.toAbsolutePath().getParent(), ".modernbert-base-");
        ObjectNode c = JSON.createObjectNode().put("model_type", "modernbert");
        c.putArray("architectures").add("ModernBertForSequenceClassification");
        c.put("vocab_size", 50368).put("hidden_size", 768).put("num_hidden_layers", 22);
        c.put("num_attention_heads", 12).put("intermediate_size", 1152).put("max_position_embeddings", 8192);
        c.put("global_attn_every_n_layers", 3).put("local_attention", 128);
        c.put("global_rope_theta", 160000.0).put("local_rope_theta", 10000.0);
        c.put("classifier_pooling", "mean").put("pad_token_id", 258).put("num_labels", 1);
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(tmp.resolve("config.json").toFile(), c);
        JSON.writeValue(tmp.resolve("tokenizer.json").toFile(), tokenizer());
        JSON.writeValue(
                tmp.resolve("tokenizer_config.json").toFile(),
                JSON.createObjectNode().put("model_max_length", 8192).put("pad_token", "[PAD]"));
        ModelConfig config = ModelConfig.fromJson(c);
        SplittableRandom random = new SplittableRandom(1);
        List<Tensor> tensors = new ArrayList<>();
        for (ParamSpec spec : Architecture.MODERNBERT.network(config).parameterSpecs()) {
            float[] v = new float[Math.toIntExact(spec.numel())];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (spec.init()) {
                    case ONES -> 1f;
                    case ZEROS -> 0f;
                    case NORMAL -> (float) ((random.nextDouble() - 0.5) * 0.07); // std 0.02
                };
            }
            tensors.add(Tensor.of(spec.name(), spec.shape(), v));
        }
        Safetensors.write(tmp.resolve("model.safetensors"), tensors, DType.F32);
        Files.move(tmp, dir);
        return dir;
    }

    /** Byte-level BPE without merges: the 256 byte symbols, then [CLS] 256, [SEP] 257, [PAD] 258. */
    private static ObjectNode tokenizer() {
        ObjectNode t = JSON.createObjectNode().put("version", "1.0");
        t.putNull("truncation");
        t.putNull("padding");
        ObjectNode vocab = JSON.createObjectNode();
        List<String> bytes = byteSymbols();
        for (String b : bytes) {
            vocab.put(b, vocab.size());
        }
        ArrayNode added = t.putArray("added_tokens");
        for (String s : List.of("[CLS]", "[SEP]", "[PAD]")) {
            vocab.put(s, vocab.size());
            added.addObject()
                    .put("id", vocab.get(s).asInt())
                    .put("content", s)
                    .put("single_word", false)
                    .put("lstrip", false)
                    .put("rstrip", false)
                    .put("normalized", false)
                    .put("special", true);
        }
        t.putNull("normalizer");
        t.putObject("pre_tokenizer")
                .put("type", "ByteLevel")
                .put("add_prefix_space", false)
                .put("trim_offsets", true)
                .put("use_regex", true);
        ObjectNode post = t.putObject("post_processor").put("type", "TemplateProcessing");
        post.putArray("single").add(special("[CLS]")).add(sequence("A", 0)).add(special("[SEP]"));
        post.putArray("pair")
                .add(special("[CLS]"))
                .add(sequence("A", 0))
                .add(special("[SEP]"))
                .add(sequence("B", 1))
                .add(special("[SEP]"));
        ObjectNode specials = post.putObject("special_tokens");
        for (String s : List.of("[CLS]", "[SEP]")) {
            ObjectNode e = specials.putObject(s).put("id", s);
            e.putArray("ids").add(vocab.get(s).asInt());
            e.putArray("tokens").add(s);
        }
        t.putObject("decoder")
                .put("type", "ByteLevel")
                .put("add_prefix_space", true)
                .put("trim_offsets", true)
                .put("use_regex", true);
        ObjectNode model = t.putObject("model").put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false).put("byte_fallback", false).put("ignore_merges", false);
        model.set("vocab", vocab);
        model.putArray("merges");
        return t;
    }

    private static ObjectNode special(String id) {
        ObjectNode n = JSON.createObjectNode();
        n.putObject("SpecialToken").put("id", id).put("type_id", 0);
        return n;
    }

    private static ObjectNode sequence(String id, int type) {
        ObjectNode n = JSON.createObjectNode();
        n.putObject("Sequence").put("id", id).put("type_id", type);
        return n;
    }

    /** GPT-2's byte-to-character map, in byte order. */
    private static List<String> byteSymbols() {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            out.add(String.valueOf((char) (printable ? b : 256 + n++)));
        }
        return out;
    }
}
