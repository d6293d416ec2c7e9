package dev.rerank4j.cli;

import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.export.OnnxExport;
import dev.rerank4j.model.export.OnnxExportOptions;
import dev.rerank4j.model.export.OnnxExportOptions.Quantization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rerank4j export}: writes a model's ONNX graphs as sentence-transformers lays them out. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export a cross-encoder to ONNX: onnx/model.onnx (float32) and, with --quantize int8,"
                    + " onnx/model_qint8_avx2.onnx (int8 weights per output channel, activations quantized at run"
                    + " time), inside the model folder, as sentence-transformers names them.",
            "Inputs input_ids, attention_mask (and token_type_ids where the architecture reads them), int64"
                    + " [batch_size, sequence_length]; output logits [batch_size, num_labels], raw. Python loads it with"
                    + " CrossEncoder(dir, backend=\"onnx\"). Exportable: BERT (MiniLM), RoBERTa, XLM-RoBERTa, ELECTRA,"
                    + " DistilBERT, Qwen3 and Qwen2 (causal-LM rerankers such as Qwen3-Reranker, and their"
                    + " ForSequenceClassification form). A graph past protobuf's 2 GB limit keeps its weights in"
                    + " <file>_data beside it (ONNX external data)."
        },
        footer = {
            "",
            "Examples:",
            "  rerank4j export --model models/minilm-wikiqa-bce/final --format onnx --quantize int8",
            "  rerank4j export --model cross-encoder/ms-marco-MiniLM-L6-v2 --format onnx --output ms-marco-onnx"
        })
final class ExportCommand implements Callable<Integer> {
    @Mixin
    Verbosity verbosity;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-m", "--model"},
            required = true,
            paramLabel = "MODEL",
            description = "A model folder, or a Hugging Face model id (then --output is needed).")
    String model;

    @Option(
            names = "--revision",
            defaultValue = "main",
            description = "Hub revision of a model id. Default: ${DEFAULT-VALUE}.")
    String revision;

    @Option(
            names = "--format",
            defaultValue = "onnx",
            paramLabel = "FORMAT",
            description = "The export format; only onnx. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
            names = "--quantize",
            paramLabel = "TYPE",
            description = "Also write a quantized graph: int8 (dynamic quantization, onnx/model_qint8_avx2.onnx).")
    String quantize;

    @Option(
            names = "--int8-float-layers",
            paramLabel = "N",
            defaultValue = "2",
            description = "With --quantize int8: the first N layers keep their feed-forward down projection in"
                    + " float32, which keeps a trained reranker's ranking (0: every MatMul in int8, the fastest"
                    + " graph). Default: ${DEFAULT-VALUE}.")
    int int8FloatLayers;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "The folder to write into (created; it receives the model's config and tokenizer files"
                    + " too). Default: the model folder.")
    Path output;

    @Option(names = "--no-progress", description = "Do not show progress.")
    boolean noProgress;

    @Override
    public Integer call() {
        if (!format.toLowerCase(Locale.ROOT).equals("onnx")) {
            throw new ParameterException(
                    spec.commandLine(), "--format: unknown format '" + format + "'; the only format is onnx");
        }
        Quantization quantization = quantization();
        if (int8FloatLayers < 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--int8-float-layers: must be 0 or more (0: every MatMul in int8), got " + int8FloatLayers);
        }
        boolean localModel = Files.isDirectory(Path.of(model));
        if (output == null && !localModel) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--output is needed for the hub model id '" + model + "' (its files live in the cache); give a"
                            + " folder to write the ONNX model directory into");
        }
        if (output != null) {
            OutputPaths.directory("--output", output);
        }
        OnnxExportOptions options = OnnxExportOptions.defaults()
                .withQuantization(quantization)
                .withFloatDownLayers(int8FloatLayers)
                .withProgress(noProgress ? dev.rerank4j.ProgressListener.NONE : ConsoleProgress.standardError());
        if (output != null) {
            options = options.withOutputDir(output);
        }
        List<Path> written;
        try (CrossEncoder encoder = CrossEncoder.load(
                model, revision, CrossEncoderOptions.defaults().withListener(ConsoleProgress.standardError()))) {
            written = OnnxExport.export(encoder, options);
        }
        for (Path p : written) {
            if (p.getParent() != null && p.getParent().getFileName().toString().equals("onnx")) {
                System.out.println("wrote " + p);
            }
        }
        return 0;
    }

    private Quantization quantization() {
        if (quantize == null) {
            return Quantization.NONE;
        }
        if (quantize.toLowerCase(Locale.ROOT).equals("int8")) {
            return Quantization.INT8;
        }
        throw new ParameterException(
                spec.commandLine(), "--quantize: unknown type '" + quantize + "'; the only type is int8");
    }
}
