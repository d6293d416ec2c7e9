package dev.rerank4j.cli;

import dev.rerank4j.Activation;
import dev.rerank4j.Backend;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.Truncation;
import dev.rerank4j.model.CrossEncoder;
import picocli.CommandLine.Option;

/** The options every command that loads a cross-encoder shares. */
final class ModelOptions {
    @Option(
            names = {"-m", "--model"},
            required = true,
            paramLabel = "MODEL",
            description = "A model directory, or a Hugging Face model id (downloaded into the HF cache; "
                    + "sentence-transformers/all-MiniLM-L6-v2 works offline).")
    String model;

    @Option(
            names = "--revision",
            defaultValue = "main",
            description = "Hub revision (branch, tag or commit) of a model id. Default: ${DEFAULT-VALUE}.")
    String revision;

    @Option(
            names = "--max-length",
            defaultValue = "0",
            description = "Tokens per pair; 0 = the model's maximum (min of tokenizer model_max_length and "
                    + "max_position_embeddings). Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(
            names = "--truncation",
            defaultValue = "LONGEST_FIRST",
            description = "How over-long pairs are cut: ${COMPLETION-CANDIDATES}. ONLY_SECOND keeps the query "
                    + "(capped at half of the maximum length). Default: ${DEFAULT-VALUE}.")
    Truncation truncation;

    @Option(
            names = "--activation",
            description = "Override the model's activation: ${COMPLETION-CANDIDATES}. Default: the saved one, "
                    + "else SIGMOID for one label and IDENTITY otherwise.")
    Activation activation;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "Intra-op threads of the engine (libtorch or ONNX Runtime); 0 = one per core. Default:"
                    + " ${DEFAULT-VALUE}.")
    int threads;

    @Option(
            names = "--backend",
            defaultValue = "torch",
            paramLabel = "ENGINE",
            description = "Inference engine: torch (libtorch, reads model.safetensors) or onnx (ONNX Runtime, reads"
                    + " --onnx-file; a directory with only ONNX graphs works). Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(
            names = "--onnx-file",
            defaultValue = CrossEncoderOptions.DEFAULT_ONNX_FILE,
            paramLabel = "PATH",
            description = "With --backend onnx, the graph to run, relative to the model directory (e.g."
                    + " onnx/model_qint8_avx2.onnx). Default: ${DEFAULT-VALUE}.")
    String onnxFile;

    CrossEncoder load() {
        CrossEncoderOptions options = CrossEncoderOptions.defaults()
                .withMaxLength(maxLength)
                .withTruncation(truncation)
                .withThreads(threads)
                .withBackend(Backend.fromName(backend))
                .withOnnxFile(onnxFile)
                .withListener(ConsoleProgress.standardError());
        if (activation != null) {
            options = options.withActivation(activation);
        }
        return CrossEncoder.load(model, revision, options);
    }
}
