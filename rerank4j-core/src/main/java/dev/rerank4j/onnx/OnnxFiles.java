package dev.rerank4j.onnx;

import dev.rerank4j.ModelFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The ONNX graphs of a model directory, as sentence-transformers lays them out ({@code onnx/*.onnx}). */
public final class OnnxFiles {
    /** The suffix of a graph's external data file: {@code model.onnx} keeps its weights in {@code model.onnx_data}. */
    public static final String DATA_SUFFIX = "_data";

    private OnnxFiles() {}

    /** The {@code .onnx} files in the directory and its {@code onnx/} folder, relative to it, sorted. */
    public static List<String> list(Path modelDir) {
        try (Stream<Path> top = Files.list(modelDir)) {
            Stream<Path> sub =
                    Files.isDirectory(modelDir.resolve("onnx")) ? Files.list(modelDir.resolve("onnx")) : Stream.empty();
            try (sub) {
                return Stream.concat(top, sub)
                        .filter(Files::isRegularFile)
                        .filter(p -> p.getFileName()
                                .toString()
                                .toLowerCase(Locale.ROOT)
                                .endsWith(".onnx"))
                        .map(p -> modelDir.relativize(p).toString().replace('\\', '/'))
                        .sorted()
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the ONNX files of " + modelDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The graph {@code file} (relative to {@code modelDir}).
     *
     * @throws ModelFormatException naming the file and the directory's ONNX files when it is not there
     */
    public static Path resolve(Path modelDir, String file) {
        Path path = modelDir.resolve(file);
        if (!Files.isRegularFile(path)) {
            List<String> present = list(modelDir);
            throw new ModelFormatException(modelDir + ": no ONNX file " + file + " ("
                    + (present.isEmpty()
                            ? "the directory has no .onnx file; export one, e.g. with sentence-transformers'"
                                    + " backend=\"onnx\""
                            : "its ONNX files: " + String.join(", ", present) + "; pick one with --onnx-file")
                    + ")");
        }
        return path;
    }

    /**
     * The files a graph is made of: {@code file} (relative to {@code modelDir}) and, when it was written with ONNX
     * external data (a graph past protobuf's 2 GB limit), its {@code <file>_data} beside it, as optimum,
     * sentence-transformers and {@code rerank4j export} name it. Relative to {@code modelDir}.
     */
    public static List<String> withData(Path modelDir, String file) {
        String data = file + DATA_SUFFIX;
        return Files.isRegularFile(modelDir.resolve(data)) ? List.of(file, data) : List.of(file);
    }

    /**
     * Copies the graph {@code file} of {@code fromDir}, with its external data file if any ({@link #withData}), to the
     * same relative path under {@code toDir} (folders created): a graph copied without its data does not load.
     *
     * @return the files written
     */
    public static List<Path> copy(Path fromDir, String file, Path toDir) {
        resolve(fromDir, file);
        List<Path> written = new java.util.ArrayList<>();
        try {
            for (String f : withData(fromDir, file)) {
                Path target = toDir.resolve(f);
                Files.createDirectories(target.toAbsolutePath().getParent());
                Files.copy(fromDir.resolve(f), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                written.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot copy the ONNX graph " + file + " from " + fromDir + " to " + toDir + ": " + e.getMessage(),
                    e);
        }
        return written;
    }

    /** Whether the directory holds any ONNX graph. */
    public static boolean present(Path modelDir) {
        return Files.isDirectory(modelDir) && !list(modelDir).isEmpty();
    }
}
