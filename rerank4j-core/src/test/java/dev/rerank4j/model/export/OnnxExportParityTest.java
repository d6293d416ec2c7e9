package dev.rerank4j.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.Activation;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.TextPair;
import dev.rerank4j.eval.Correlations;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.OpsNetwork;
import dev.rerank4j.model.TrainingAccess;
import dev.rerank4j.model.export.OnnxExportOptions.Quantization;
import dev.rerank4j.onnx.OnnxFiles;
import dev.rerank4j.testing.TinyModels;
import dev.rerank4j.testing.TinyModels.Checkpoint;
import dev.rerank4j.tokenize.PaddedBatch;
import dev.rerank4j.tokenize.PairEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The export contract every exportable architecture passes: a tiny random model exported to ONNX and run in ONNX
 * Runtime gives the libtorch model's logits (max |diff| <= 1e-4) on question/answer pairs, in one session over
 * batches of different sizes and lengths (the axes are dynamic); its int8 graph keeps the ranking. Architectures
 * without an export are refused with a message naming them.
 */
class OnnxExportParityTest {
    static final double TOLERANCE = 1e-4;

    /** Real-looking pairs of varied lengths (the tiny tokenizers split unknown words into pieces or [UNK]). */
    static final List<TextPair> PAIRS = List.of(
            new TextPair("how many moons does mars have", "Mars has two small moons, Phobos and Deimos."),
            new TextPair("what is the boiling point of water", "At sea level, pure water boils at 100 degrees."),
            new TextPair(
                    "who wrote don quixote",
                    "Miguel de Cervantes published the first part in 1605 and the"
                            + " second part ten years later, in 1615, in Madrid."),
            new TextPair("when did the berlin wall fall", "The wall fell on the night of 9 November 1989."),
            new TextPair("what does a mitochondrion do", "Mitochondria make most of the cell's energy."),
            new TextPair(
                    "capital of australia",
                    "Canberra, a planned city chosen as a compromise between Sydney and"
                            + " Melbourne, is the capital; Sydney is the most populous city of the country."),
            new TextPair("where is zurich", "Zurich lies at the tip of Lake Zurich."),
            new TextPair("how do vaccines work", "A vaccine trains the immune system to recognise a pathogen."),
            new TextPair("speed of light", "Light travels at 299,792,458 metres per second in vacuum."),
            new TextPair("who painted the mona lisa", "Leonardo da Vinci painted it."),
            new TextPair(
                    "what language is spoken in brazil",
                    "Portuguese is the official language of Brazil and"
                            + " is spoken by nearly all of its 203 million inhabitants."),
            new TextPair("why is the sky blue", "Rayleigh scattering is stronger for short wavelengths."));

    @ParameterizedTest
    @EnumSource(
            value = Architecture.class,
            names = {
                "BERT",
                "ELECTRA",
                "ROBERTA",
                "XLM_ROBERTA",
                "DISTILBERT",
                "MODERNBERT",
                "DEBERTA_V2",
                "QWEN3",
                "QWEN2"
            })
    void exportedGraphMatchesLibtorchAndInt8KeepsTheRanking(Architecture architecture, @TempDir Path dir)
            throws Exception {
        assertParity(
                TinyModels.write(dir.resolve("m"), architecture, Checkpoint.WITH_HEAD, 1, 11), architecture.name());
    }

    /**
     * ModernBERT's other paths: {@code cls} pooling (the default tiny model pools by {@code mean}), every bias on
     * (norms and MLP too), a window of 4 tokens ({@code local_attention} 4: every test pair is longer, so the band
     * mask cuts in every sliding layer) and two sliding layers between global ones.
     */
    @Test
    void modernBertWithClsPoolingAllBiasesAndANarrowWindowMatchesLibtorch(@TempDir Path dir) throws Exception {
        Path modelDir = TinyModels.write(
                dir.resolve("m"),
                Architecture.MODERNBERT,
                Checkpoint.WITH_HEAD,
                1,
                13,
                c -> c.put("classifier_pooling", "cls")
                        .put("norm_bias", true)
                        .put("mlp_bias", true)
                        .put("local_attention", 4)
                        .put("global_attn_every_n_layers", 3));
        assertParity(modelDir, "MODERNBERT (cls, all biases, local_attention 4)");
    }

    /**
     * DeBERTa-v2/v3's config variants hold the same contract: the tiny model above is a DeBERTa-v3 (log buckets 8 over
     * 64 positions, so most distances of these pairs are bucketed; shared position projections; LayerNorm on the
     * relative embeddings; c2p and p2c); these turn each setting the other way, including DeBERTa-v2's absolute
     * positions, token types and narrower embeddings, and a span of 6 that the pairs' distances overrun (clamped).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("debertaVariants")
    void debertaVariantsExportToo(String name, Consumer<ObjectNode> edit, @TempDir Path dir) throws Exception {
        assertParity(
                TinyModels.write(dir.resolve("m"), Architecture.DEBERTA_V2, Checkpoint.WITH_HEAD, 1, 13, edit),
                "DEBERTA_V2 " + name);
    }

    static Stream<Arguments> debertaVariants() {
        Map<String, Consumer<ObjectNode>> v = new LinkedHashMap<>();
        v.put("c2p only", c -> c.put("pos_att_type", "c2p"));
        v.put("p2c only", c -> c.put("pos_att_type", "p2c"));
        v.put("own position projections", c -> c.put("share_att_key", false));
        v.put("relative_attention off", c -> c.put("relative_attention", false));
        v.put(
                "v2: absolute positions, token types, embedding_size 16, no buckets, span 6, no rel norm",
                c -> c.put("position_biased_input", true)
                        .put("type_vocab_size", 2)
                        .put("embedding_size", 16)
                        .put("share_att_key", false)
                        .put("position_buckets", -1)
                        .put("max_relative_positions", 6)
                        .put("norm_rel_ebd", "none")
                        .put("pooler_hidden_act", "tanh"));
        return v.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /**
     * The Qwen3 causal-LM reranker (chat template, left padding, tied embeddings, LogitScore {@code logit(yes) -
     * logit(no)} from the two LM-head rows): the same contract as the encoders.
     */
    @Test
    void qwen3CausalLmRerankerExportMatchesLibtorch(@TempDir Path dir) throws Exception {
        assertParity(TinyModels.qwen3Reranker(dir.resolve("m")), "QWEN3 causal LM (LogitScore)");
    }

    /**
     * A graph past the inline limit (lowered here from protobuf's 2 GB) keeps its weights in {@code model.onnx_data}
     * beside it; ONNX Runtime loads it from the path and scores exactly as the inline graph, fp32 and int8.
     */
    @Test
    void aLargeGraphIsWrittenWithExternalDataThatOnnxRuntimeLoads(@TempDir Path dir) throws Exception {
        Path modelDir = TinyModels.qwen3Reranker(dir.resolve("m"));
        try (CrossEncoder model = CrossEncoder.load(modelDir)) {
            OnnxExportOptions int8 = OnnxExportOptions.defaults().withQuantization(Quantization.INT8);
            Path inline = dir.resolve("inline");
            List<Path> small = OnnxExport.write(model, inline, int8);
            List<Path> files = OnnxExport.write(model, modelDir, int8, 10_000);
            Path fp32File = modelDir.resolve(OnnxExport.FP32_FILE);
            Path int8File = modelDir.resolve(OnnxExport.INT8_FILE);
            assertThat(files)
                    .containsExactly(
                            fp32File,
                            modelDir.resolve(OnnxExport.FP32_FILE + "_data"),
                            int8File,
                            modelDir.resolve(OnnxExport.INT8_FILE + "_data"));
            assertThat(Files.size(fp32File)).isLessThan(Files.size(files.get(1)));
            assertThat(Files.size(files.get(1))).isGreaterThan(Files.size(small.get(0)) / 2);
            System.out.printf(
                    "external data: model.onnx %d bytes + model.onnx_data %d bytes (inline graph %d bytes)%n",
                    Files.size(fp32File), Files.size(files.get(1)), Files.size(small.get(0)));
            PairEncoder tokenizer = TrainingAccess.tokenizer(model);
            var batch = tokenizer.pad(tokenizer.encode(PAIRS), false);
            for (int i = 0; i < 2; i++) {
                try (OrtRunner external = new OrtRunner(files.get(2 * i));
                        OrtRunner reference = new OrtRunner(small.get(i))) {
                    float[][] a = external.logits(batch);
                    float[][] b = reference.logits(batch);
                    assertThat(a).as(files.get(2 * i).toString()).isDeepEqualTo(b);
                }
            }
            // the graph is listed once; copied, it carries its data file and still loads
            assertThat(OnnxFiles.list(modelDir)).containsExactly(OnnxExport.FP32_FILE, OnnxExport.INT8_FILE);
            Path copyDir = dir.resolve("copy");
            assertThat(OnnxFiles.copy(modelDir, OnnxExport.FP32_FILE, copyDir))
                    .containsExactly(
                            copyDir.resolve(OnnxExport.FP32_FILE), copyDir.resolve(OnnxExport.FP32_FILE + "_data"));
            try (OrtRunner copied = new OrtRunner(copyDir.resolve(OnnxExport.FP32_FILE));
                    OrtRunner reference = new OrtRunner(small.get(0))) {
                assertThat(copied.logits(batch)).isDeepEqualTo(reference.logits(batch));
            }
            // a later export that fits inline removes the stale data file
            assertThat(OnnxExport.write(model, modelDir, OnnxExportOptions.defaults()))
                    .containsExactly(fp32File);
            assertThat(modelDir.resolve(OnnxExport.FP32_FILE + "_data")).doesNotExist();
        }
    }

    private static void assertParity(Path modelDir, String label) throws Exception {
        try (CrossEncoder model = CrossEncoder.load(modelDir)) {
            List<Path> files = OnnxExport.write(
                    model, modelDir, OnnxExportOptions.defaults().withQuantization(Quantization.INT8));
            assertThat(files)
                    .containsExactly(modelDir.resolve(OnnxExport.FP32_FILE), modelDir.resolve(OnnxExport.INT8_FILE));
            float[] torch =
                    column(model.predictLabels(PAIRS, PredictOptions.defaults().withActivation(Activation.IDENTITY)));
            PairEncoder tokenizer = TrainingAccess.tokenizer(model);
            boolean typed = TrainingAccess.network(model).usesTokenTypes();
            float[] fp32;
            float[] int8;
            try (OrtRunner ort = new OrtRunner(files.get(0));
                    OrtRunner quantized = new OrtRunner(files.get(1))) {
                Set<String> expected = typed
                        ? Set.of("input_ids", "attention_mask", "token_type_ids")
                        : Set.of("input_ids", "attention_mask");
                assertThat(ort.inputNames()).isEqualTo(expected);
                assertThat(quantized.inputNames()).isEqualTo(expected);
                fp32 = runInBatches(ort, tokenizer, typed, TOLERANCE);
                // int8 activations are quantized per batch (one scale over the padded batch), so a pair's score
                // moves a little with its batch: only the ranking is held to account.
                int8 = runInBatches(quantized, tokenizer, typed, Double.POSITIVE_INFINITY);
            }
            double maxDiff = maxDiff(torch, fp32);
            double int8Diff = maxDiff(fp32, int8);
            double rho = Correlations.spearman(toDouble(fp32), toDouble(int8));
            System.out.printf(
                    "ONNX export %s: fp32 max |logit diff| %.3g over %d pairs; int8 max |diff| %.3g (logit range"
                            + " %.3g), Spearman %.4f%n",
                    label, maxDiff, PAIRS.size(), int8Diff, range(fp32), rho);
            assertThat(maxDiff).isLessThanOrEqualTo(TOLERANCE);
            assertThat(rho).isGreaterThanOrEqualTo(0.9);
        }
    }

    /**
     * One session, batches of 1, 3, 8 and all pairs: each batch pads to its own longest pair, so the same pair
     * meets different sequence lengths and batch sizes.
     */
    private static float[] runInBatches(OrtRunner ort, PairEncoder tokenizer, boolean typed, double tolerance)
            throws Exception {
        float[] out = new float[PAIRS.size()];
        int[][] groups = {{0}, {1, 2, 3}, {4, 5, 6, 7, 8, 9, 10, 11}};
        for (int[] group : groups) {
            List<TextPair> pairs = new ArrayList<>();
            for (int i : group) {
                pairs.add(PAIRS.get(i));
            }
            float[][] logits = ort.logits(tokenizer.pad(tokenizer.encode(pairs), typed));
            for (int i = 0; i < group.length; i++) {
                out[group[i]] = logits[i][0];
            }
        }
        PaddedBatch all = tokenizer.pad(tokenizer.encode(PAIRS), typed);
        float[][] whole = ort.logits(all);
        for (int i = 0; i < PAIRS.size(); i++) {
            assertThat((double) Math.abs(whole[i][0] - out[i]))
                    .as(
                            "pair %d scored alone or in a smaller batch vs in the batch of %d (seq %d)",
                            i, all.batch(), all.seqLen())
                    .isLessThanOrEqualTo(tolerance);
        }
        return out;
    }

    @Test
    void theExportableListIsExactlyTheOpsNetworks(@TempDir Path dir) {
        for (Architecture a : Architecture.values()) {
            Path modelDir = TinyModels.write(dir.resolve(a.name()), a, Checkpoint.WITH_HEAD, 1, 3);
            try (CrossEncoder model = CrossEncoder.load(modelDir)) {
                boolean ops = TrainingAccess.network(model) instanceof OpsNetwork;
                assertThat(OnnxExport.exportable(a)).as(a.name()).isEqualTo(ops);
            }
        }
    }

    @Test
    void exportIntoAnotherFolderCopiesConfigAndTokenizerButNoWeights(@TempDir Path dir) throws Exception {
        Path modelDir = TinyModels.write(dir.resolve("m"), Architecture.BERT, Checkpoint.WITH_HEAD, 1, 3);
        Path out = dir.resolve("out");
        List<Path> written =
                OnnxExport.export(modelDir, OnnxExportOptions.defaults().withOutputDir(out));
        assertThat(written)
                .contains(out.resolve(OnnxExport.FP32_FILE), out.resolve("config.json"), out.resolve("tokenizer.json"));
        assertThat(out.resolve("model.safetensors")).doesNotExist();
        assertThat(out.resolve(OnnxExport.INT8_FILE)).doesNotExist();
        try (var files = Files.list(out.resolve("onnx"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("model.onnx");
        }
    }

    @Test
    void anUnwritableOutputIsAClearError(@TempDir Path dir) throws Exception {
        Path modelDir = TinyModels.write(dir.resolve("m"), Architecture.BERT, Checkpoint.WITH_HEAD, 1, 3);
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() ->
                        OnnxExport.export(modelDir, OnnxExportOptions.defaults().withOutputDir(file)))
                .isInstanceOf(OnnxExportException.class)
                .hasMessageContaining(file.resolve("onnx").toString())
                .hasMessageContaining("cannot create the output folder");
    }

    static float[] column(float[][] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][0];
        }
        return out;
    }

    static double maxDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    static double range(float[] a) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (float v : a) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    static double[] toDouble(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
