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

    /** Whether the directory holds any ONNX graph. */
    public static boolean present(Path modelDir) {
        return Files.isDirectory(modelDir) && !list(modelDir).isEmpty();
    }
}
