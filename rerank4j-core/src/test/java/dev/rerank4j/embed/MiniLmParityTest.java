package dev.rerank4j.embed;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.data.TextFiles;
import dev.rerank4j.hub.BundledMiniLm;
import dev.rerank4j.testing.DataSuite;
import dev.rerank4j.testing.SharedData;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline all-MiniLM-L6-v2 embeds as sentence-transformers does: {@code [CLS] text [SEP]} cut at 256 tokens (the
 * model's sentence_bert_config.json, not the 128 of the bundled tokenizer.json), mean pooling over the attention mask,
 * L2 normalisation. The reference runs the same ONNX file in ONNX Runtime, one text at a time (no padding), with the
 * pooling and normalisation computed here. The default suite embeds {@link #CLAIMS} and {@link #ABSTRACTS}, written
 * for this test, and a text longer than 256 tokens; the data suite adds real SciFact claims and abstracts.
 */
class MiniLmParityTest {
    static final double TOLERANCE = 1e-4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Claims in SciFact's style. */
    static final List<String> CLAIMS = List.of(
            "Vitamin D supplementation reduces the risk of fractures in adults over 65.",
            "ALDH1 expression is associated with poor prognosis in breast cancer.",
            "Sleep deprivation impairs the consolidation of declarative memory.",
            "Statins increase the incidence of type 2 diabetes.",
            "Antibiotic use in infancy is linked to childhood obesity.",
            "Exercise lowers blood pressure in patients with resistant hypertension.");

    /** Abstract-like passages: numbers, units, abbreviations, parentheses, accents. */
    static final List<String> ABSTRACTS = List.of(
            "BACKGROUND: Hip fractures cause substantial morbidity. METHODS: We randomly assigned 2,256 women aged"
                    + " 70 years or older to 500,000 IU of cholecalciferol (vitamin D3) or placebo, given orally once a"
                    + " year for 3-5 years.",
            "Aldehyde dehydrogenase 1 (ALDH1) is a marker of normal and malignant human mammary stem cells; in a"
                    + " series of 577 tumours, its expression predicted poor clinical outcome (P = 0.003).",
            "Memory consolidation benefits from sleep. Here, 48 healthy volunteers learned word pairs before a night"
                    + " of either normal sleep or total sleep deprivation, and recall was tested 36 h later.",
            "In a meta-analysis of 13 statin trials with 91,140 participants, statin therapy was associated with a 9%"
                    + " increased risk for incident diabetes (odds ratio 1.09; 95% CI 1.02–1.17).",
            "Exposure to antibiotics during the first 6 months of life was associated with increased body mass in"
                    + " children aged 10–38 months (Avon Longitudinal Study of Parents and Children, n = 11,532).",
            "Patients with resistant hypertension (≥ 3 drugs) completed an 8-week aerobic programme on a heated"
                    + " pool; ambulatory systolic pressure fell by 12 mmHg compared with the control group.",
            "Crème brûlée, naïve café owners and the Zürich–Genève rail line: tokenizers must strip accents the way"
                    + " the uncased BERT vocabulary expects.");

    @Test
    void embeddingsMatchOnnxRuntimeWithMeanPoolingAndNormalisation(@TempDir Path cache) throws Exception {
        List<String> texts = new ArrayList<>(CLAIMS);
        texts.addAll(ABSTRACTS);
        // a text of about 600 tokens: cut at 256
        texts.add(String.join(" ", ABSTRACTS) + " " + String.join(" ", ABSTRACTS) + " " + String.join(" ", CLAIMS));
        texts.add("");
        assertParity(texts, cache);
    }

    @Test
    @DataSuite
    void sciFactEmbeddingsMatchOnnxRuntime(@TempDir Path cache) throws Exception {
        List<String> texts = new ArrayList<>();
        texts.addAll(field(SharedData.path("datasets/beir-scifact/queries.jsonl"), 10));
        texts.addAll(field(SharedData.path("datasets/beir-scifact/corpus.jsonl"), 14));
        texts.add("");
        assertParity(texts, cache);
    }

    private static void assertParity(List<String> texts, Path cache) throws Exception {
        Path dir = BundledMiniLm.materialize(cache);
        Embeddings ours;
        try (EmbeddingModel model = EmbeddingModel.load(dir, EmbeddingOptions.defaults())) {
            assertThat(model).isInstanceOf(TransformerEmbedding.class);
            TransformerEmbedding minilm = (TransformerEmbedding) model;
            assertThat(minilm.maxSeqLength()).isEqualTo(256);
            assertThat(minilm.pooling().modes()).containsExactly(PoolingMode.MEAN);
            assertThat(minilm.normalizes()).isTrue();
            assertThat(model.dimension()).isEqualTo(384);
            ours = model.encode(texts, EncodeOptions.defaults().withBatchSize(8).withProgress(ProgressMode.OFF));
        }
        Path tokenizerJson = Files.createTempDirectory(cache, "tok").resolve("tokenizer.json");
        try (InputStream in = MiniLmParityTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(in, tokenizerJson);
        }
        assertThat(JSON.readTree(tokenizerJson.toFile())
                        .path("truncation")
                        .path("max_length")
                        .asInt())
                .as("the bundled tokenizer.json says 128; sentence-transformers uses 256")
                .isEqualTo(128);
        int longest = 0;
        double maxDiff = 0;
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                        .optTokenizerPath(tokenizerJson)
                        .optAddSpecialTokens(true)
                        .optTruncation(true)
                        .optMaxLength(256)
                        .optPadding(false)
                        .build();
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                InputStream onnx = MiniLmParityTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx");
                OrtSession session = env.createSession(onnx.readAllBytes(), new OrtSession.SessionOptions())) {
            for (int i = 0; i < texts.size(); i++) {
                Encoding e = tokenizer.encode(texts.get(i));
                longest = Math.max(longest, e.getIds().length);
                float[] reference = meanPooledNormalised(env, session, e);
                float[] row = ours.row(i);
                for (int d = 0; d < row.length; d++) {
                    maxDiff = Math.max(maxDiff, Math.abs(row[d] - reference[d]));
                }
            }
        }
        System.out.printf(
                "MiniLM embedding parity: %d texts, longest %d tokens, max |diff| = %.3g%n",
                texts.size(), longest, maxDiff);
        assertThat(longest).as("the longest text is cut at 256 tokens").isEqualTo(256);
        assertThat(maxDiff).isLessThanOrEqualTo(TOLERANCE);
        assertThat(ours.unitLength(1e-5)).isTrue();
    }

    private static float[] meanPooledNormalised(OrtEnvironment env, OrtSession session, Encoding e) throws Exception {
        long[] ids = e.getIds();
        long[] shape = {1, ids.length};
        Map<String, OnnxTensor> in = Map.of(
                "input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape),
                "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getAttentionMask()), shape),
                "token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getTypeIds()), shape));
        float[][][] hidden;
        try (OrtSession.Result r = session.run(in)) {
            hidden = (float[][][]) r.get("last_hidden_state").orElseThrow().getValue();
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
        int dim = hidden[0][0].length;
        double[] mean = new double[dim];
        for (float[] token : hidden[0]) {
            for (int d = 0; d < dim; d++) {
                mean[d] += token[d] / (double) ids.length;
            }
        }
        double norm = 0;
        for (double v : mean) {
            norm += v * v;
        }
        norm = Math.max(Math.sqrt(norm), 1e-12);
        float[] out = new float[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = (float) (mean[d] / norm);
        }
        return out;
    }

    /** The "text" field of the first {@code n} lines. */
    static List<String> field(Path jsonl, int n) throws Exception {
        List<String> out = new ArrayList<>();
        TextFiles.forEachLine(jsonl, (line, number) -> {
            if (out.size() < n) {
                out.add(JSON.readTree(line).path("text").asText());
            }
        });
        return out;
    }
}
