package dev.rerank4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.io.DType;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.ParamSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code predict} throughput of a DeBERTa-v3-base-sized reranker with random weights (hidden 768, 12 layers, 12 heads,
 * intermediate 3072, 256 position buckets over 512 relative positions, c2p + p2c, shared keys, vocabulary 128,100)
 * on pairs that fill exactly {@code --length} tokens.
 *
 * <p>Usage: {@code Bench deberta-throughput [--length 256] [--batch 16] [--pairs 64] [--runs 3] [--vocab 128100]}.
 */
public final class DebertaThroughput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WORDS =
            List.of("the", "cat", "dog", "sat", "on", "mat", "where", "is", "paris", "berlin", "city", "capital");

    private DebertaThroughput() {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        int length = Integer.parseInt(a.get("--length", "256"));
        int batch = Integer.parseInt(a.get("--batch", "16"));
        int n = Integer.parseInt(a.get("--pairs", "64"));
        int runs = Integer.parseInt(a.get("--runs", "3"));
        int vocab = Integer.parseInt(a.get("--vocab", "128100"));
        Path dir = Files.createTempDirectory("deberta-base");
        long t0 = System.nanoTime();
        write(dir, vocab);
        double writeS = (System.nanoTime() - t0) / 1e9;
        List<TextPair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pairs.add(new TextPair(
                    "where is the cat " + i % 7, String.join(" ", WORDS).repeat(1 + length / 10)));
        }
        double[] rates = new double[runs];
        double[] cpuRates = new double[runs];
        try (CrossEncoder model =
                CrossEncoder.load(dir, CrossEncoderOptions.defaults().withMaxLength(length))) {
            PredictOptions options =
                    PredictOptions.defaults().withBatchSize(batch).withProgress(ProgressMode.OFF);
            int tokens = dev.rerank4j.model.TrainingAccess.tokenizer(model)
                    .encode(pairs.subList(0, 1))
                    .get(0)
                    .length();
            model.predict(pairs.subList(0, batch), options); // warm-up
            for (int r = 0; r < runs; r++) {
                long cpu = cpuNanos();
                long s = System.nanoTime();
                model.predict(pairs, options);
                rates[r] = n / ((System.nanoTime() - s) / 1e9);
                cpuRates[r] = n / ((cpuNanos() - cpu) / 1e9);
            }
            System.out.printf(
                    "DeBERTa-v3-base-sized random weights (vocab %d, written in %.1f s), %d tokens per pair, batch %d,"
                            + " %d pairs x %d runs, %d cores%n",
                    vocab, writeS, tokens, batch, n, runs, Runtime.getRuntime().availableProcessors());
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double[] cpuSorted = cpuRates.clone();
        Arrays.sort(cpuSorted);
        System.out.printf(
                "predict: median %.2f pairs/s wall clock (runs %s)%n", sorted[runs / 2], Arrays.toString(rates));
        // On a machine shared with other work the wall clock understates the speed; pairs per CPU-second of this
        // process (all its threads), times the cores, is what the cores would give if they were free.
        System.out.printf(
                "predict: median %.2f pairs per CPU-second, x %d cores = %.2f pairs/s on free cores (runs %s)%n",
                cpuSorted[runs / 2],
                Runtime.getRuntime().availableProcessors(),
                cpuSorted[runs / 2] * Runtime.getRuntime().availableProcessors(),
                Arrays.toString(cpuRates));
        System.out.printf("peak RSS %s%n", PeakMemory.peakRss());
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private static long cpuNanos() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this platform reports no process CPU time"))
                .toNanos();
    }

    private static void write(Path dir, int vocab) throws Exception {
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add("DebertaV2ForSequenceClassification");
        c.put("model_type", "deberta-v2").put("vocab_size", vocab).put("hidden_size", 768);
        c.put("num_hidden_layers", 12).put("num_attention_heads", 12).put("intermediate_size", 3072);
        c.put("hidden_act", "gelu").put("max_position_embeddings", 512).put("type_vocab_size", 0);
        c.put("layer_norm_eps", 1e-7).put("relative_attention", true).put("max_relative_positions", -1);
        c.put("position_buckets", 256).put("pos_att_type", "p2c|c2p").put("share_att_key", true);
        c.put("norm_rel_ebd", "layer_norm").put("position_biased_input", false).put("pad_token_id", 0);
        c.putObject("id2label").put("0", "LABEL_0");
        JSON.writeValue(dir.resolve("config.json").toFile(), c);
        JSON.writeValue(dir.resolve("tokenizer.json").toFile(), tokenizer());
        JSON.writeValue(
                dir.resolve("tokenizer_config.json").toFile(),
                JSON.createObjectNode().put("model_max_length", 512));
        SplittableRandom random = new SplittableRandom(1);
        List<Tensor> tensors = new ArrayList<>();
        for (ParamSpec spec :
                Architecture.DEBERTA_V2.network(ModelConfig.fromJson(c)).parameterSpecs()) {
            float[] v = new float[Math.toIntExact(spec.numel())];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (spec.init()) {
                    case ONES -> 1f;
                    case ZEROS -> 0f;
                    case NORMAL -> (float) (random.nextGaussian() * 0.02);
                };
            }
            tensors.add(Tensor.of(spec.name(), spec.shape(), v));
        }
        Safetensors.write(dir.resolve("model.safetensors"), tensors, DType.F32);
    }

    /** A DeBERTa-v3-style Unigram tokenizer over a few words: [PAD] 0, [CLS] 1, [SEP] 2, [UNK] 3. */
    private static ObjectNode tokenizer() {
        List<String> pieces = new ArrayList<>(List.of("[PAD]", "[CLS]", "[SEP]", "[UNK]", "\u2581"));
        WORDS.forEach(w -> pieces.add("\u2581" + w));
        for (char ch = '0'; ch <= '9'; ch++) {
            pieces.add(String.valueOf(ch));
            pieces.add("\u2581" + ch);
        }
        ObjectNode t = JSON.createObjectNode().put("version", "1.0");
        t.putNull("truncation");
        t.putNull("padding");
        ArrayNode added = t.putArray("added_tokens");
        for (int i = 0; i < 4; i++) {
            added.addObject()
                    .put("id", i)
                    .put("content", pieces.get(i))
                    .put("single_word", false)
                    .put("lstrip", false)
                    .put("rstrip", false)
                    .put("normalized", false)
                    .put("special", true);
        }
        t.putNull("normalizer");
        t.putObject("pre_tokenizer")
                .put("type", "Metaspace")
                .put("replacement", "\u2581")
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
        for (int id : new int[] {1, 2}) {
            ObjectNode e = specials.putObject(pieces.get(id)).put("id", pieces.get(id));
            e.putArray("ids").add(id);
            e.putArray("tokens").add(pieces.get(id));
        }
        t.putNull("decoder");
        ObjectNode model =
                t.putObject("model").put("type", "Unigram").put("unk_id", 3).put("byte_fallback", false);
        ArrayNode v = model.putArray("vocab");
        for (String p : pieces) {
            v.addArray().add(p).add(p.startsWith("[") ? 0.0 : -2.0);
        }
        return t;
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
}
