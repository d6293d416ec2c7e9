package dev.rerank4j.model;

import ai.djl.ndarray.NDManager;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.backend.InferenceBackend;
import dev.rerank4j.backend.TextEncoder;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.io.WeightSource;
import dev.rerank4j.io.WeightsFormatException;
import dev.rerank4j.onnx.OnnxBackend;
import dev.rerank4j.onnx.OnnxFiles;
import dev.rerank4j.onnx.OnnxOptions;
import dev.rerank4j.tokenize.PaddedBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bare encoder of a Hugging Face model directory, without any head: padded token ids in, last hidden states out.
 * Bi-encoders (embedding models) pool these states into one vector per text.
 *
 * <p>Inference only, through the {@link InferenceBackend} seam (each call owns its native memory); calls are
 * thread-safe. Close the encoder once no call is running.
 */
public final class TransformerEncoder implements TextEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(TransformerEncoder.class);

    private final Network network;
    private final InferenceBackend backend;

    private TransformerEncoder(Network network, InferenceBackend backend) {
        this.network = network;
        this.backend = backend;
    }

    /**
     * Loads the encoder weights of a model directory ({@code config.json} and {@code model.safetensors}); head
     * weights, if any, are ignored.
     *
     * @param runtime the libtorch runtime the weights live in
     * @throws ModelFormatException naming the file and the problem when the directory cannot be used
     */
    public static TransformerEncoder load(Path modelDir, TorchRuntime runtime) {
        if (!Files.isDirectory(modelDir)) {
            throw new ModelFormatException(
                    modelDir + ": not a directory; an encoder needs config.json and" + " model.safetensors");
        }
        ModelConfig config = ModelConfig.read(modelDir).withNumLabels(1);
        Network network = Architecture.of(config).network(config);
        WeightSource weights;
        try {
            weights = ModelWeights.open(modelDir);
        } catch (WeightsFormatException e) {
            throw new ModelFormatException(e.getMessage(), e); // it names the file and what is wrong with it
        } catch (IOException e) {
            throw new ModelFormatException(modelDir + ": cannot read the weights (" + e.getMessage() + ")", e);
        }
        NDManager root = runtime.newManager();
        try {
            ParameterLoader.Loaded loaded = ParameterLoader.loadEncoder(network, weights, root, modelDir.toString());
            if (!loaded.unused().isEmpty()) {
                LOG.debug(
                        "{}: weights not used by the encoder: {}",
                        modelDir,
                        ParameterLoader.abbreviate(loaded.unused()));
            }
            return new TransformerEncoder(network, new TorchBackend(runtime, network, loaded.parameters(), root));
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /**
     * Loads the encoder of a model directory as an ONNX graph ({@code config.json}, the graph {@code file} relative to
     * the directory, its {@value OnnxBackend#LAST_HIDDEN_STATE} output); no safetensors needed, libtorch not started.
     *
     * @throws ModelFormatException naming the file and the problem when the directory or graph cannot be used
     */
    public static TransformerEncoder loadOnnx(Path modelDir, String file, OnnxOptions options) {
        if (!Files.isDirectory(modelDir)) {
            throw new ModelFormatException(
                    modelDir + ": not a directory; an ONNX encoder needs config.json and " + file);
        }
        ModelConfig config = ModelConfig.read(modelDir).withNumLabels(1);
        Network network = Architecture.of(config).network(config);
        OnnxBackend backend =
                OnnxBackend.open(OnnxFiles.resolve(modelDir, file), OnnxBackend.LAST_HIDDEN_STATE, options);
        var hidden = backend.outputSize(OnnxBackend.LAST_HIDDEN_STATE, 2);
        if (hidden.isPresent() && hidden.getAsInt() != config.hiddenSize()) {
            backend.close();
            throw new ModelFormatException(backend.file() + ": last_hidden_state has width " + hidden.getAsInt()
                    + " but config.json says hidden_size " + config.hiddenSize() + "; is it the same model?");
        }
        return new TransformerEncoder(network, backend);
    }

    /** The model configuration. */
    public ModelConfig config() {
        return network.config();
    }

    /** The width of a hidden state. */
    @Override
    public int hiddenSize() {
        return network.config().hiddenSize();
    }

    /** The most tokens a sequence may hold (the position embeddings; for RoBERTa, less its padding offset). */
    @Override
    public int maxPositions() {
        ModelConfig c = network.config();
        Architecture a = Architecture.of(c);
        return a.descriptor().maxSequenceLength(c);
    }

    @Override
    public long padTokenId() {
        return network.config().padTokenId();
    }

    /** Whether the architecture reads token type ids. */
    @Override
    public boolean usesTokenTypes() {
        return backend.usesTokenTypes();
    }

    /** The last hidden states of one padded batch, shape [batch, seqLen, hiddenSize]. */
    @Override
    public InferenceBackend.Output hiddenStates(PaddedBatch batch) {
        return backend.hiddenStates(batch);
    }

    @Override
    public void close() {
        backend.close();
    }
}
