package dev.rerank4j.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which files of a repository a cross-encoder or sentence-transformers model needs, and which rerank4j cannot read
 * anyway (PyTorch pickles, ONNX, TensorFlow, Flax, Rust, OpenVINO exports) and so never downloads.
 */
final class ModelFiles {
    static final String MODULES = "modules.json";
    static final String SAFETENSORS_INDEX = "model.safetensors.index.json";

    private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP_LEVEL =
            Set.of("model.safetensors", "tokenizer.json", "vocab.txt", "merges.txt", "README.md");
    private static final List<String> UNREADABLE_SUFFIXES = List.of(
            ".bin", ".pt", ".pth", ".ckpt", ".onnx", ".onnx_data", ".h5", ".msgpack", ".ot", ".gguf", ".tflite");
    private static final Set<String> UNREADABLE_FOLDERS = Set.of("onnx", "openvino");
    private static final Pattern MODULE_FOLDER = Pattern.compile("[0-9]+_[^/]+");

    private ModelFiles() {}

    /** Top-level JSON files: configs, {@code modules.json} and the safetensors index, needed to choose the rest. */
    static List<String> configs(Collection<String> files) {
        return files.stream()
                .filter(file -> !file.contains("/") && file.endsWith(".json"))
                .toList();
    }

    /**
     * The files to download, in repository order.
     *
     * <ul>
     *   <li>top level: {@code *.json}, {@code model.safetensors}, the shards named by {@code
     *       model.safetensors.index.json}, tokenizer files ({@code tokenizer.json}, {@code vocab.txt}, {@code
     *       merges.txt}, {@code *.model} such as {@code sentencepiece.bpe.model} or {@code spiece.model}), {@code
     *       README.md};
     *   <li>everything in the module folders named by {@code modules.json} (e.g. {@code 2_Dense/}) and in {@code
     *       0_StaticEmbedding/};
     *   <li>{@code *.json} in numbered module folders ({@code 1_Pooling/config.json}) even without {@code
     *       modules.json};
     * </ul>
     *
     * but never {@code *.bin} ({@code pytorch_model.bin}), {@code *.pt}, {@code *.onnx}, {@code *.h5}, {@code
     * *.msgpack}, {@code *.ot}, {@code *.gguf}, ... nor anything under an {@code onnx/} or {@code openvino/} folder.
     */
    static List<String> select(Collection<String> files, Collection<String> modulePaths, Set<String> shards) {
        List<String> chosen = new ArrayList<>();
        for (String file : files) {
            if (!unreadable(file) && wanted(file, modulePaths, shards)) {
                chosen.add(file);
            }
        }
        return chosen;
    }

    /** The non-root module folders of a downloaded {@code modules.json}; empty (with a warning) if malformed. */
    static List<String> modulePaths(Path modulesJson) {
        List<String> paths = new ArrayList<>();
        try {
            JsonNode modules = JSON.readTree(modulesJson.toFile());
            if (modules == null || !modules.isArray()) {
                throw new IOException("not a JSON list");
            }
            for (JsonNode module : modules) {
                String path = module.path("path").asText("");
                if (!path.isEmpty() && RepoCache.pathProblem(path).isEmpty()) {
                    paths.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
                }
            }
        } catch (IOException e) {
            LOG.warn(
                    "{} is unusable ({}); downloading numbered module folders' JSON only", modulesJson, e.getMessage());
        }
        return paths;
    }

    /** The shard files of a downloaded safetensors index ({@code weight_map} values); empty if malformed. */
    static Set<String> shards(Path indexJson) {
        Set<String> shards = new LinkedHashSet<>();
        try {
            JsonNode map = JSON.readTree(indexJson.toFile()).path("weight_map");
            if (!map.isObject()) {
                throw new IOException("no \"weight_map\" object");
            }
            map.elements().forEachRemaining(value -> shards.add(value.asText()));
        } catch (IOException e) {
            LOG.warn("{} is unusable ({}); no weight shards will be downloaded", indexJson, e.getMessage());
        }
        return shards;
    }

    private static boolean wanted(String file, Collection<String> modulePaths, Set<String> shards) {
        int slash = file.indexOf('/');
        if (slash < 0) {
            return file.endsWith(".json")
                    || file.endsWith(".model")
                    || TOP_LEVEL.contains(file)
                    || shards.contains(file);
        }
        if (file.startsWith("0_StaticEmbedding/")) {
            return true;
        }
        for (String module : modulePaths) {
            if (file.startsWith(module + "/")) {
                return true;
            }
        }
        return MODULE_FOLDER.matcher(file.substring(0, slash)).matches() && file.endsWith(".json");
    }

    private static boolean unreadable(String file) {
        String lower = file.toLowerCase(Locale.ROOT);
        for (String suffix : UNREADABLE_SUFFIXES) {
            if (lower.endsWith(suffix)) {
                return true;
            }
        }
        for (String segment : file.split("/")) {
            if (UNREADABLE_FOLDERS.contains(segment)) {
                return true;
            }
        }
        return false;
    }
}
