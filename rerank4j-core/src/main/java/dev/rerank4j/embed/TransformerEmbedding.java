package dev.rerank4j.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.Backend;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.ParseErrors;
import dev.rerank4j.ProgressListener;
import dev.rerank4j.backend.TextEncoder;
import dev.rerank4j.backend.TextEncoders;
import dev.rerank4j.tokenize.EncodedText;
import dev.rerank4j.tokenize.PaddedBatch;
import dev.rerank4j.tokenize.SortedBatches;
import dev.rerank4j.tokenize.TextTokenizer;
import dev.rerank4j.tokenize.TokenizerFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transformer bi-encoder: sentence-transformers' {@code Transformer} → {@code Pooling} → optional {@code
 * Normalize}. Each text is tokenized alone ({@code [CLS] text [SEP]} for BERT), cut at {@link #maxSeqLength()} tokens,
 * encoded, and pooled over its attention mask.
 *
 * <p>The maximum length follows sentence-transformers: {@code max_seq_length} of {@code sentence_bert_config.json}
 * when present, else min(tokenizer {@code model_max_length}, {@code max_position_embeddings}). With {@code
 * do_lower_case} set there, texts are lower-cased first.
 */
public final class TransformerEmbedding implements EmbeddingModel {
    private static final Logger LOG = LoggerFactory.getLogger(TransformerEmbedding.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The module config file names sentence-transformers looks for, newest first. */
    private static final List<String> MODULE_CONFIGS = List.of(
            "sentence_bert_config.json",
            "sentence_roberta_config.json",
            "sentence_distilbert_config.json",
            "sentence_camembert_config.json",
            "sentence_albert_config.json",
            "sentence_xlm-roberta_config.json",
            "sentence_xlnet_config.json");

    private final String source;
    private final TextEncoder encoder;
    private final TextTokenizer tokenizer;
    private final Pooling pooling;
    private final boolean normalizeModule;
    private final boolean lowerCase;
    private final Prompts prompts;
    private final String fingerprint;

    private TransformerEmbedding(
            String source,
            TextEncoder encoder,
            TextTokenizer tokenizer,
            Pooling pooling,
            boolean normalizeModule,
            boolean lowerCase,
            Prompts prompts,
            String fingerprint) {
        this.source = source;
        this.encoder = encoder;
        this.tokenizer = tokenizer;
        this.pooling = pooling;
        this.normalizeModule = normalizeModule;
        this.lowerCase = lowerCase;
        this.prompts = prompts;
        this.fingerprint = fingerprint;
    }

    static TransformerEmbedding load(Path dir, String source, List<ModuleEntry> modules, EmbeddingOptions options) {
        Path modulesFile = dir.resolve("modules.json");
        Path transformerDir = dir.resolve(modules.get(0).path());
        Pooling pooling = null;
        boolean normalize = false;
        for (ModuleEntry m : modules.subList(1, modules.size())) {
            switch (m.kind(modulesFile)) {
                case POOLING -> pooling = Pooling.read(dir.resolve(m.path()).resolve("config.json"));
                case NORMALIZE -> normalize = true;
                default ->
                    throw new ModelFormatException(modulesFile + ": module " + m.idx() + " (" + m.type()
                            + ") cannot follow a Transformer; expected Pooling and optionally Normalize");
            }
        }
        TextEncoder encoder = TextEncoders.load(
                transformerDir,
                options.threads(),
                options.backend().cliName(),
                options.backend() == Backend.ONNX ? options.onnxFile() : Optional.empty());
        try {
            if (pooling == null) {
                LOG.info("{}: no Pooling module; using mean pooling, as sentence-transformers does", source);
                pooling = Pooling.mean(encoder.hiddenSize());
            }
            if (pooling.dimension() != encoder.hiddenSize()) {
                throw new ModelFormatException(dir + ": the Pooling module expects token states of width "
                        + pooling.dimension() + " but the transformer's hidden_size is " + encoder.hiddenSize());
            }
            JsonNode moduleConfig = moduleConfig(transformerDir);
            int maxLength = maxSeqLength(transformerDir, encoder, moduleConfig, options);
            long padId = TokenizerFiles.padId(transformerDir).orElse(encoder.padTokenId());
            TextTokenizer tokenizer =
                    TextTokenizer.load(transformerDir, TextTokenizer.SpecialTokens.ADD, maxLength, padId);
            boolean lower = moduleConfig.path("do_lower_case").asBoolean(false);
            String settings = "transformer max_seq_length=" + maxLength + " lower=" + lower + " pooling=" + pooling
                    + " normalize=" + normalize
                    + (options.backend() == Backend.ONNX
                            ? " engine=onnx file=" + options.onnxFile().orElse("onnx/model.onnx")
                            : "");
            return new TransformerEmbedding(
                    source,
                    encoder,
                    tokenizer,
                    pooling,
                    normalize,
                    lower,
                    Prompts.read(dir),
                    ModelFingerprint.of(dir, settings));
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    private static JsonNode moduleConfig(Path dir) {
        for (String name : MODULE_CONFIGS) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                try {
                    return JSON.readTree(f.toFile());
                } catch (IOException e) {
                    throw new ModelFormatException(
                            ParseErrors.describe(f, "not valid JSON", e) + ParseErrors.FIX_MODEL_FILE, e);
                }
            }
        }
        return JSON.createObjectNode();
    }

    private static int maxSeqLength(Path dir, TextEncoder encoder, JsonNode moduleConfig, EmbeddingOptions options) {
        int positions = encoder.maxPositions();
        if (options.maxSeqLength() > 0) {
            if (options.maxSeqLength() > positions) {
                throw new IllegalArgumentException("maxSeqLength " + options.maxSeqLength() + " exceeds what " + dir
                        + " can encode (" + positions + " positions, from max_position_embeddings)");
            }
            return options.maxSeqLength();
        }
        JsonNode saved = moduleConfig.get("max_seq_length");
        if (saved != null && saved.canConvertToInt() && saved.intValue() > 0) {
            return Math.min(saved.intValue(), positions);
        }
        return Math.min(TokenizerFiles.modelMaxLength(dir).orElse(positions), positions);
    }

    @Override
    public Embeddings encode(List<String> texts, EncodeOptions options) {
        List<String> inputs =
                texts.stream().map(t -> prepare(options.prompt() + t)).toList();
        int promptLength = options.prompt().isEmpty() || pooling.includePrompt() ? 0 : promptLength(options.prompt());
        int dim = pooling.outputDimension();
        float[] out = new float[texts.size() * dim];
        SortedBatches.Encoding<String, EncodedText> encoding = new SortedBatches.Encoding<>() {
            @Override
            public List<EncodedText> encode(List<String> window) {
                return tokenizer.encode(window);
            }

            @Override
            public int length(EncodedText encoded) {
                return encoded.length();
            }

            @Override
            public PaddedBatch pad(List<EncodedText> group) {
                return tokenizer.pad(group);
            }
        };
        try (ProgressListener.Task progress = EncodingProgress.start(options, texts.size())) {
            SortedBatches.run(inputs, options.batchSize(), encoding, progress, (batch, positions) -> {
                options.stop().throwIfStopped(); // between batches: never inside a native forward pass
                float[] hidden = encoder.hiddenStates(batch).values();
                float[] pooled =
                        pooling.pool(hidden, batch.attentionMask(), batch.batch(), batch.seqLen(), promptLength);
                for (int r = 0; r < positions.length; r++) {
                    System.arraycopy(pooled, r * dim, out, positions[r] * dim, dim);
                }
            });
        }
        if (normalizeModule || options.normalization() == Normalization.UNIT_LENGTH) {
            Embeddings.normalizeRows(out, dim);
        }
        return new Embeddings(texts.size(), dim, out);
    }

    private String prepare(String text) {
        return lowerCase ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** Tokens of the prompt, less a trailing special token ([SEP]), as sentence-transformers counts them. */
    private int promptLength(String prompt) {
        EncodedText t = tokenizer.encode(prepare(prompt));
        int n = t.length();
        return n > 0 && t.specialTokens()[n - 1] == 1 ? n - 1 : n;
    }

    /** The most tokens a text keeps, special tokens included. */
    public int maxSeqLength() {
        return tokenizer.maxLength();
    }

    /** The Pooling module. */
    public Pooling pooling() {
        return pooling;
    }

    /** Whether the model ends with a {@code Normalize} module. */
    public boolean normalizes() {
        return normalizeModule;
    }

    @Override
    public int dimension() {
        return pooling.outputDimension();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public Prompts prompts() {
        return prompts;
    }

    @Override
    public void close() {
        tokenizer.close();
        encoder.close();
    }
}
