package dev.rerank4j.model;

import ai.djl.ndarray.NDManager;
import dev.rerank4j.Activation;
import dev.rerank4j.Backend;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.Reranker;
import dev.rerank4j.TextPair;
import dev.rerank4j.TokenCount;
import dev.rerank4j.backend.InferenceBackend;
import dev.rerank4j.hub.ModelLocator;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.io.WeightSource;
import dev.rerank4j.io.WeightsFormatException;
import dev.rerank4j.onnx.OnnxBackend;
import dev.rerank4j.onnx.OnnxFiles;
import dev.rerank4j.onnx.OnnxOptions;
import dev.rerank4j.tokenize.ChatTemplateTokenizer;
import dev.rerank4j.tokenize.PairEncoder;
import dev.rerank4j.tokenize.PairTokenizer;
import dev.rerank4j.tokenize.TokenizerFiles;
import dev.rerank4j.tokenize.TokenizerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reranker: a transformer that reads a (query, document) pair and returns a relevance score, loaded from and saved
 * to the model directories Hugging Face transformers and sentence-transformers use.
 *
 * <pre>{@code
 * try (CrossEncoder model = CrossEncoder.load(Path.of("ms-marco-MiniLM-L6-v2"))) {
 *     float[] scores = model.predict(List.of(new TextPair("query", "a document")));
 *     List<RankedDocument> top = model.rank("query", documents, RankOptions.defaults().withTopK(10));
 * }
 * }</pre>
 *
 * <p>Scoring is thread-safe: concurrent calls share the weights and the tokenizer, each with its own native memory.
 * Close the model once no call is running.
 */
public final class CrossEncoder implements Reranker {
    private static final Logger LOG = LoggerFactory.getLogger(CrossEncoder.class);

    private final Architecture architecture;
    private final Network network;
    private final NDManager root;
    private final Parameters parameters;
    private final PairEncoder tokenizer;
    private final Map<String, String> prompts;
    private final Optional<String> defaultPromptName;
    private final Activation activation;
    private final Path sourceDir;
    private final String sourceName;
    private final boolean explicitMaxLength;
    private final List<String> freshlyInitialised;
    private final TorchRuntime runtime;
    private final InferenceBackend backend;
    private final Backend engine;
    private final Scorer scorer;

    private CrossEncoder(Builder b) {
        this.architecture = b.architecture;
        this.network = b.network;
        this.root = b.root;
        this.parameters = b.parameters;
        this.tokenizer = b.tokenizer;
        this.prompts = Map.copyOf(b.prompts);
        this.defaultPromptName = b.defaultPromptName;
        this.activation = b.activation;
        this.sourceDir = b.sourceDir;
        this.sourceName = b.sourceName;
        this.explicitMaxLength = b.explicitMaxLength;
        this.freshlyInitialised = List.copyOf(b.freshlyInitialised);
        this.runtime = b.runtime;
        this.engine = b.engine;
        this.backend = b.engine == Backend.TORCH ? new TorchBackend(runtime, network, parameters, root) : b.onnx;
        this.scorer = new Scorer(backend, tokenizer);
    }

    /**
     * Loads a model by directory or Hugging Face id, as {@link ModelLocator#fromEnvironment()} resolves it: a
     * directory, the offline {@code sentence-transformers/all-MiniLM-L6-v2}, or a hub download into the HF cache.
     *
     * @param modelIdOrPath a model directory or an id such as {@code cross-encoder/ms-marco-MiniLM-L6-v2}
     * @param revision the hub revision of an id (ignored for a directory), usually {@code main}
     */
    public static CrossEncoder load(String modelIdOrPath, String revision, CrossEncoderOptions options) {
        Path dir = ModelLocator.fromEnvironment(options.listener()).locate(modelIdOrPath, revision);
        return load(dir, modelIdOrPath, options, () -> TorchRuntime.start(options.threads()));
    }

    /** Loads a model by directory or hub id (revision {@code main}). */
    public static CrossEncoder load(String modelIdOrPath) {
        return load(modelIdOrPath, "main", CrossEncoderOptions.defaults());
    }

    /** Loads a model directory with the default options. */
    public static CrossEncoder load(Path modelDir) {
        return load(modelDir, CrossEncoderOptions.defaults());
    }

    /**
     * Loads a model directory: {@code config.json}, {@code model.safetensors} (or an index and shards) and
     * {@code tokenizer.json}, plus the optional tokenizer and sentence-transformers files. With {@link Backend#ONNX}
     * the ONNX graph {@link CrossEncoderOptions#onnxFile()} replaces the safetensors weights (which may be absent) and
     * libtorch is never started.
     *
     * @throws ModelFormatException naming the file and the problem when the directory cannot be used
     */
    public static CrossEncoder load(Path modelDir, CrossEncoderOptions options) {
        return load(modelDir, modelDir.toString(), options, () -> TorchRuntime.start(options.threads()));
    }

    /**
     * Loads a model directory into a given runtime ({@link CrossEncoderOptions#threads()} is then not used: the
     * runtime's threads were fixed when it started). With {@link Backend#ONNX} the runtime is not used.
     *
     * @throws ModelFormatException naming the file and the problem when the directory cannot be used
     */
    public static CrossEncoder load(Path modelDir, CrossEncoderOptions options, TorchRuntime runtime) {
        return load(modelDir, modelDir.toString(), options, () -> runtime);
    }

    static CrossEncoder load(
            Path modelDir, String sourceName, CrossEncoderOptions options, Supplier<TorchRuntime> runtime) {
        if (!Files.isDirectory(modelDir)) {
            throw new ModelFormatException(modelDir + ": not a directory; pass a model directory (config.json,"
                    + " model.safetensors, tokenizer.json) or a Hugging Face model id");
        }
        ModelConfig read = ModelConfig.read(modelDir);
        boolean causalLm = read instanceof CausalLmConfig c && c.causalLm();
        if (causalLm) {
            read = ((CausalLmConfig) read).withLogitScore(CausalLmFiles.logitScore(modelDir));
        }
        Architecture architecture = Architecture.of(read);
        int labels = options.numLabels() > 0 ? options.numLabels() : read.classifierTrained() ? read.numLabels() : 1;
        ModelConfig config = read.withNumLabels(labels);
        Network network = architecture.network(config);
        int maxLength = maxLength(modelDir, architecture, config, options);
        Builder b = new Builder();
        b.architecture = architecture;
        b.network = network;
        b.sourceDir = modelDir;
        b.sourceName = sourceName;
        b.explicitMaxLength = options.maxLength() > 0;
        b.activation = options.activation().orElseGet(() -> savedActivation(modelDir, config));
        b.engine = options.backend();
        try {
            if (options.backend() == Backend.ONNX) {
                b.onnx = openOnnx(modelDir, options, labels);
            } else {
                loadWeights(b, modelDir, runtime.get(), options.seed());
            }
            long padId = TokenizerFiles.padId(modelDir).orElse(config.padTokenId());
            int queryCap =
                    options.maxQueryLength() > 0 ? Math.min(options.maxQueryLength(), maxLength / 2) : maxLength / 2;
            TokenizerOptions tokenizerOptions =
                    new TokenizerOptions(maxLength, options.truncation(), Math.max(1, queryCap));
            b.tokenizer = usesChatTemplate(modelDir, config)
                    ? ChatTemplateTokenizer.load(
                            modelDir, CausalLmFiles.chatTemplate(modelDir, config), tokenizerOptions, padId)
                    : PairTokenizer.load(modelDir, tokenizerOptions, padId);
            b.prompts = SentenceTransformersFiles.prompts(modelDir);
            b.defaultPromptName = SentenceTransformersFiles.defaultPromptName(modelDir);
            b.defaultPromptName.ifPresent(n -> requirePrompt(b.prompts, n, modelDir + ": default_prompt_name"));
            return new CrossEncoder(b);
        } catch (RuntimeException e) {
            if (b.parameters != null) {
                b.parameters.close();
            }
            if (b.root != null) {
                b.root.close();
            }
            if (b.onnx != null) {
                b.onnx.close();
            }
            throw e;
        }
    }

    /** Reads the safetensors weights into libtorch: the network's parameters, a fresh head where the checkpoint has none. */
    private static void loadWeights(Builder b, Path modelDir, TorchRuntime runtime, long seed) {
        WeightSource weights;
        try {
            weights = ModelWeights.open(modelDir);
        } catch (WeightsFormatException e) {
            if (OnnxFiles.present(modelDir)) {
                throw new ModelFormatException(
                        modelDir + ": no safetensors weights, only ONNX graphs ("
                                + String.join(", ", OnnxFiles.list(modelDir))
                                + "); they run inference with the ONNX backend"
                                + " (--backend onnx, CrossEncoderOptions.withBackend(Backend.ONNX)); libtorch and training"
                                + " need model.safetensors",
                        e);
            }
            throw new ModelFormatException(e.getMessage(), e); // it names the file and what is wrong with it
        } catch (IOException e) {
            throw new ModelFormatException(modelDir + ": cannot read the weights (" + e.getMessage() + ")", e);
        }
        b.runtime = runtime;
        b.root = runtime.newManager();
        ParameterLoader.Loaded loaded = ParameterLoader.load(b.network, weights, b.root, seed, modelDir.toString());
        b.parameters = loaded.parameters();
        b.freshlyInitialised = loaded.freshlyInitialised();
        if (!loaded.freshlyInitialised().isEmpty()) {
            LOG.info(
                    "{}: initialised a fresh {} head ({} labels): {}",
                    b.sourceName,
                    b.architecture.classificationClass(),
                    b.network.config().numLabels(),
                    ParameterLoader.abbreviate(loaded.freshlyInitialised()));
        }
        if (!loaded.unused().isEmpty()) {
            LOG.debug("{}: checkpoint weights not used: {}", b.sourceName, ParameterLoader.abbreviate(loaded.unused()));
        }
    }

    /**
     * Opens the ONNX graph of a cross-encoder and checks that its logits have as many labels as the configuration
     * (the graph's head cannot be replaced, so a label count it does not have is an error).
     */
    private static OnnxBackend openOnnx(Path modelDir, CrossEncoderOptions options, int labels) {
        Path file = OnnxFiles.resolve(modelDir, options.onnxFile());
        OnnxBackend onnx = OnnxBackend.open(
                file, OnnxBackend.LOGITS, OnnxOptions.defaults().withThreads(options.threads()));
        var graphLabels = onnx.outputSize(OnnxBackend.LOGITS, 1);
        if (graphLabels.isPresent() && graphLabels.getAsInt() != labels) {
            onnx.close();
            throw new ModelFormatException(file + ": the graph's logits have " + graphLabels.getAsInt() + " labels but "
                    + (options.numLabels() > 0
                            ? "numLabels " + options.numLabels() + " was asked"
                            : "config.json says " + labels)
                    + "; an ONNX graph's head is fixed (use numLabels 0, or the torch backend for a new head)");
        }
        return onnx;
    }

    /**
     * A causal LM reads pairs through its chat template; so does a converted decoder classifier (e.g.
     * {@code Qwen3ForSequenceClassification}) saved with a {@code chat_template.jinja}.
     */
    private static boolean usesChatTemplate(Path dir, ModelConfig config) {
        return config instanceof CausalLmConfig c
                && (c.causalLm() || Files.isRegularFile(dir.resolve(TokenizerFiles.CHAT_TEMPLATE)));
    }

    private static String requirePrompt(Map<String, String> prompts, String name, String where) {
        String text = prompts.get(name);
        if (text == null) {
            throw new IllegalArgumentException(where + " \"" + name + "\" names no saved prompt; the model's prompts: "
                    + (prompts.isEmpty() ? "none" : prompts.keySet()));
        }
        return text;
    }

    private static int maxLength(Path dir, Architecture architecture, ModelConfig config, CrossEncoderOptions options) {
        int positions = architecture.descriptor().maxSequenceLength(config);
        if (options.maxLength() > 0) {
            if (options.maxLength() > positions) {
                throw new IllegalArgumentException("maxLength " + options.maxLength() + " exceeds what " + dir
                        + " can encode (" + positions + " positions, from max_position_embeddings)");
            }
            return options.maxLength();
        }
        return Math.min(TokenizerFiles.modelMaxLength(dir).orElse(positions), positions);
    }

    private static Activation savedActivation(Path dir, ModelConfig config) {
        Optional<String> saved = SentenceTransformersFiles.activation(dir).or(config::savedActivation);
        if (saved.isEmpty()) {
            return Activation.defaultFor(config.numLabels());
        }
        return Activation.fromName(saved.get()).orElseGet(() -> {
            LOG.warn(
                    "{}: activation function \"{}\" is not supported; using {} (supported: {})",
                    dir,
                    saved.get(),
                    Activation.defaultFor(config.numLabels()).torchName(),
                    List.of(Activation.values()));
            return Activation.defaultFor(config.numLabels());
        });
    }

    /** Scores pairs: one row per pair (one score per label), in input order. */
    @Override
    public float[][] predictLabels(List<TextPair> pairs, PredictOptions options) {
        return scorer.score(pairs, options.activation().orElse(activation), options, prompt(options));
    }

    /**
     * The prompt of a call: its own text, else its prompt name looked up in the model's prompts, else the model's
     * default prompt, else none.
     */
    Optional<String> prompt(PredictOptions options) {
        if (options.prompt().isPresent()) {
            return options.prompt();
        }
        if (options.promptName().isPresent()) {
            return Optional.of(requirePrompt(prompts, options.promptName().get(), "promptName"));
        }
        return defaultPromptName.map(prompts::get);
    }

    /** The prompts saved with the model (name to text; a causal-LM reranker's instructions). */
    public Map<String, String> prompts() {
        return prompts;
    }

    /** The name of the prompt used when a call names none, if the model has one. */
    public Optional<String> defaultPromptName() {
        return defaultPromptName;
    }

    /**
     * Counts with the model's own tokenizer: the tokens {@link #predict} feeds the model with default options (the
     * model's default prompt, if it has one; a chat template's own tokens included), and those before truncation.
     */
    @Override
    public Optional<List<TokenCount>> countTokens(List<TextPair> pairs) {
        return Optional.of(countTokens(pairs, PredictOptions.defaults()));
    }

    /**
     * Counts as {@link #countTokens(List)} for predictions with {@code options}: with their prompt (or prompt name),
     * else the model's default prompt.
     */
    public List<TokenCount> countTokens(List<TextPair> pairs, PredictOptions options) {
        return tokenizer.count(pairs, prompt(options));
    }

    /**
     * Saves the model as sentence-transformers does, so Python and Java load it alike: {@code config.json} (with the
     * activation), {@code model.safetensors}, the tokenizer files, {@code README.md} and the sentence-transformers
     * v6 files. The directory is written completely or not at all; an existing model there is replaced.
     */
    public void save(Path dir) {
        torchOnly("weights to save", parameters);
        try {
            ModelSaver.save(this, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Number of outputs per pair. */
    @Override
    public int numLabels() {
        return network.config().numLabels();
    }

    /** The most tokens a pair keeps. */
    @Override
    public int maxLength() {
        return tokenizer.options().maxLength();
    }

    /** The activation applied to the logits by default. */
    public Activation activation() {
        return activation;
    }

    /** The architecture. */
    public Architecture architecture() {
        return architecture;
    }

    /** The configuration (with the resolved number of labels). */
    public ModelConfig config() {
        return network.config();
    }

    /** The model id or directory this model was loaded from. */
    public String source() {
        return sourceName;
    }

    /** Weights the checkpoint lacked and that were initialised fresh (the head of a base model); empty otherwise. */
    public List<String> freshlyInitialised() {
        return freshlyInitialised;
    }

    Network network() {
        return network;
    }

    Parameters parameters() {
        return torchOnly("its weights", parameters);
    }

    PairEncoder tokenizer() {
        return tokenizer;
    }

    NDManager root() {
        return torchOnly("its native memory", root);
    }

    Scorer scorer() {
        return scorer;
    }

    /** The inference backend scoring runs on. */
    InferenceBackend backend() {
        return backend;
    }

    TorchRuntime runtime() {
        return torchOnly("libtorch", runtime);
    }

    /** The engine scoring runs on. */
    public Backend engine() {
        return engine;
    }

    /**
     * A libtorch-only part of the model: training and saving need the weights, which a model loaded with the ONNX
     * backend does not hold.
     */
    private <T> T torchOnly(String what, T value) {
        if (engine != Backend.TORCH) {
            throw new UnsupportedOperationException(sourceName + " was loaded with the ONNX backend, which runs"
                    + " inference only and holds no " + what + "; training and saving need the torch backend"
                    + " (--backend torch, the default) and model.safetensors");
        }
        return value;
    }

    Path sourceDir() {
        return sourceDir;
    }

    boolean explicitMaxLength() {
        return explicitMaxLength;
    }

    @Override
    public void close() {
        tokenizer.close();
        backend.close();
    }

    private static final class Builder {
        Architecture architecture;
        Backend engine;
        OnnxBackend onnx;
        TorchRuntime runtime;
        Network network;
        NDManager root;
        Parameters parameters;
        PairEncoder tokenizer;
        Map<String, String> prompts = Map.of();
        Optional<String> defaultPromptName = Optional.empty();
        Activation activation;
        Path sourceDir;
        String sourceName;
        boolean explicitMaxLength;
        List<String> freshlyInitialised = List.of();
    }
}
