package dev.rerank4j.model.export;

import dev.rerank4j.ProgressListener;
import dev.rerank4j.io.TempPaths;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.Network;
import dev.rerank4j.model.OpsNetwork;
import dev.rerank4j.model.TrainingAccess;
import dev.rerank4j.model.Versions;
import dev.rerank4j.model.nn.TokenInputs;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Exports a cross-encoder to ONNX as sentence-transformers lays it out: {@code onnx/model.onnx} (float32) and, on
 * request, {@code onnx/model_qint8_avx2.onnx} (dynamic int8, {@link DynamicQuantizer}), inside a model directory, so
 * that {@code CrossEncoder(dir, backend="onnx")} in Python and ONNX Runtime anywhere load it. Inputs
 * {@code input_ids}, {@code attention_mask} and, where the architecture reads them, {@code token_type_ids} (int64
 * [batch_size, sequence_length]); output {@code logits} (float [batch_size, num_labels], raw, before any activation).
 *
 * <p>The graph is the architecture's own forward pass ({@link OpsNetwork}) recorded by {@link GraphOps}: the same
 * code that runs on libtorch, so the export cannot drift from the model. Files appear only once complete (written
 * under a temporary name, then moved).
 */
public final class OnnxExport {
    /** The float32 graph, relative to the model directory. */
    public static final String FP32_FILE = "onnx/model.onnx";

    /** The int8 graph, relative to the model directory (sentence-transformers' name for the AVX2 configuration). */
    public static final String INT8_FILE = "onnx/model_qint8_avx2.onnx";

    private static final long MAX_PROTO_BYTES = Integer.MAX_VALUE; // protobuf's 2 GB limit without external data
    private static final List<String> WEIGHT_SUFFIXES =
            List.of(".safetensors", ".bin", ".pt", ".pth", ".h5", ".msgpack");

    private OnnxExport() {}

    /**
     * Loads the model of {@code modelDir} on libtorch and exports it into {@code options.outputDir()} (default: the
     * model directory). A different output directory receives the model's other files too (config, tokenizer),
     * without its weights, so it is a complete ONNX model directory.
     *
     * @return the files written
     * @throws OnnxExportException when the architecture has no export or the output cannot be written
     */
    public static List<Path> export(Path modelDir, OnnxExportOptions options) {
        try (CrossEncoder model = CrossEncoder.load(modelDir)) {
            return export(model, options);
        }
    }

    /**
     * Exports a loaded model into {@code options.outputDir()} (default: the directory it was loaded from). A
     * different output directory receives the model's other files too (config, tokenizer), without its weights.
     *
     * @return the files written
     * @throws OnnxExportException when the architecture has no export or the output cannot be written
     */
    public static List<Path> export(CrossEncoder model, OnnxExportOptions options) {
        requireExportable(model);
        Path source = TrainingAccess.sourceDirectory(model);
        Path out = options.outputDir().orElse(source);
        List<Path> written = new ArrayList<>(write(model, out, options));
        if (!sameDirectory(source, out)) {
            written.addAll(copyModelFiles(source, out));
        }
        return written;
    }

    /**
     * Writes the ONNX graphs of a loaded model into {@code dir}{@code /onnx/} (created).
     *
     * @return the files written
     * @throws OnnxExportException when the architecture has no export or the output cannot be written
     */
    public static List<Path> write(CrossEncoder model, Path dir, OnnxExportOptions options) {
        return write(model, dir, options, MAX_PROTO_BYTES);
    }

    /**
     * {@link #write(CrossEncoder, Path, OnnxExportOptions)} storing a graph's large weights as external data once the
     * graph would take more than {@code inlineLimit} bytes (protobuf's 2 GB limit; tests lower it).
     */
    static List<Path> write(CrossEncoder model, Path dir, OnnxExportOptions options, long inlineLimit) {
        OpsNetwork network = requireExportable(model);
        Path onnxDir = dir.resolve("onnx");
        try {
            Files.createDirectories(onnxDir);
        } catch (IOException e) {
            throw new OnnxExportException(
                    onnxDir + ": cannot create the output folder (" + e.getMessage()
                            + "); pass a writable --output folder",
                    e);
        }
        boolean int8 = options.quantization() == OnnxExportOptions.Quantization.INT8;
        List<Path> written = new ArrayList<>();
        try (ProgressListener.Task task = options.progress().start("Exporting to ONNX", int8 ? 4 : 2, "steps")) {
            GraphBuilder g = record(network, model);
            task.step(1);
            Map<String, String> metadata = metadata(model);
            written.addAll(writeAtomically(dir.resolve(FP32_FILE), g, metadata, inlineLimit));
            task.step(1);
            if (int8) {
                new DynamicQuantizer(127, options.floatDownLayers()).quantize(g);
                task.step(1);
                written.addAll(writeAtomically(dir.resolve(INT8_FILE), g, metadata, inlineLimit));
                task.step(1);
            }
        }
        return written;
    }

    /** Whether an architecture has an ONNX export. */
    public static boolean exportable(Architecture architecture) {
        return EXPORTABLE.contains(architecture);
    }

    /**
     * The architectures whose network is an {@link OpsNetwork} (a contract test checks this list against every
     * architecture's network).
     */
    private static final Set<Architecture> EXPORTABLE = EnumSet.of(
            Architecture.BERT,
            Architecture.ELECTRA,
            Architecture.ROBERTA,
            Architecture.XLM_ROBERTA,
            Architecture.DISTILBERT,
            Architecture.MODERNBERT,
            Architecture.DEBERTA_V2,
            Architecture.QWEN3,
            Architecture.QWEN2);

    private static OpsNetwork requireExportable(CrossEncoder model) {
        Network network = TrainingAccess.network(model);
        if (network instanceof OpsNetwork ops) {
            return ops;
        }
        throw new OnnxExportException(
                model.source() + ": " + model.architecture().classificationClass() + " ("
                        + model.architecture().modelType() + ") has no ONNX export yet; exportable architectures: "
                        + EXPORTABLE.stream().map(Architecture::modelType).collect(Collectors.joining(", ")));
    }

    static GraphBuilder record(OpsNetwork network, CrossEncoder model) {
        GraphBuilder g = new GraphBuilder();
        GraphOps ops = new GraphOps(g, TrainingAccess.parameters(model));
        List<Object> axes = List.of("batch_size", "sequence_length");
        OnnxValue ids = g.input("input_ids", GraphBuilder.INT64, axes);
        OnnxValue mask = g.input("attention_mask", GraphBuilder.INT64, axes);
        OnnxValue types =
                network.usesTokenTypes() ? g.input("token_type_ids", GraphBuilder.INT64, axes) : ops.zerosLike(ids);
        OnnxValue logits = network.logits(ops, new TokenInputs<>(ids, types, mask), Mode.INFERENCE);
        g.output("logits", logits, List.of("batch_size", (long) network.config().numLabels()));
        return g;
    }

    private static Map<String, String> metadata(CrossEncoder model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("architecture", model.architecture().classificationClass());
        m.put("source", model.source());
        return m;
    }

    /**
     * Writes the graph to {@code target}; past {@code inlineLimit} bytes its large weights go to
     * {@code <target>_data} beside it (ONNX external data), which is written first. A data file left by an earlier
     * export of the same name is removed when the new graph needs none.
     *
     * @return the files written: the graph, then its data file if any
     */
    private static List<Path> writeAtomically(
            Path target, GraphBuilder g, Map<String, String> metadata, long inlineLimit) {
        Path dataFile = dataFile(target);
        ProtoMessage proto = g.toModel("rerank4j", Versions.rerank4j(), metadata);
        ExternalData external = null;
        if (proto.size() > inlineLimit) {
            external = new ExternalData(dataFile.getFileName().toString());
            proto = g.toModel("rerank4j", Versions.rerank4j(), metadata, external);
            if (proto.size() > MAX_PROTO_BYTES) {
                throw new OnnxExportException(target + ": the graph would take " + proto.size()
                        + " bytes even with its weights in " + dataFile.getFileName()
                        + ", past protobuf's 2 GB limit");
            }
        }
        List<Path> written = new ArrayList<>();
        if (external != null) {
            ExternalData data = external;
            writeFile(dataFile, data::writeTo);
        }
        ProtoMessage model = proto;
        writeFile(target, model::writeTo);
        written.add(target);
        if (external != null) {
            written.add(dataFile);
        } else {
            try {
                Files.deleteIfExists(dataFile); // an earlier, larger export's weights: the new graph holds its own
            } catch (IOException e) {
                throw new OnnxExportException(
                        dataFile + ": cannot remove the stale external data (" + e.getMessage() + ")", e);
            }
        }
        return written;
    }

    /** The external-data file of a graph: {@code model.onnx} to {@code model.onnx_data}. */
    static Path dataFile(Path graph) {
        return graph.resolveSibling(graph.getFileName() + "_data");
    }

    private interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void writeFile(Path target, Writer writer) {
        Path tmp = TempPaths.sibling(target, TempPaths.Kind.TMP);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                writer.writeTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            TempPaths.deleteQuietly(tmp);
            throw new OnnxExportException(
                    target + ": cannot write (" + e.getMessage() + "); pass a writable --output" + " folder", e);
        }
    }

    private static List<Path> copyModelFiles(Path from, Path to) {
        List<Path> copied = new ArrayList<>();
        try (var files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (WEIGHT_SUFFIXES.stream().anyMatch(name::endsWith)
                        || name.equals("model.safetensors.index.json")
                        || TempPaths.isTemporary(f)) {
                    continue;
                }
                Path target = to.resolve(name);
                Path tmp = TempPaths.sibling(target, TempPaths.Kind.TMP);
                Files.copy(f, tmp);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                copied.add(target);
            }
        } catch (IOException e) {
            throw new OnnxExportException(
                    to + ": cannot copy the model's files from " + from + " (" + e.getMessage()
                            + "); pass a writable --output folder",
                    e);
        }
        return copied;
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
