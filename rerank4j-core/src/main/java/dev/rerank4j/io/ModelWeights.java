package dev.rerank4j.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rerank4j.ParseErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads the weights of a Hugging Face model directory, as {@code transformers}' {@code from_pretrained} finds them:
 * {@code model.safetensors}, else {@code model.safetensors.index.json} with its shards.
 *
 * <p>PyTorch pickle checkpoints ({@code pytorch_model.bin} and its shards) are refused: unpickling is code execution,
 * and rerank4j does not implement it. The error says how to convert them once in Python.
 */
public final class ModelWeights {
    /** The single-file weights name. */
    public static final String SAFETENSORS = "model.safetensors";
    /** The index of a sharded safetensors checkpoint. */
    public static final String SAFETENSORS_INDEX = "model.safetensors.index.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ModelWeights() {}

    /**
     * Reads every weight of the model in {@code modelDir}.
     *
     * @return the tensors by HF name, in file order (single file) or index order (sharded), in a new map the caller
     *     owns
     * @throws WeightsFormatException if there are no safetensors weights (naming what was looked for, or how to
     *     convert a pickle checkpoint), a shard is missing, the index does not match its shards, or a file is
     *     malformed
     * @throws NoSuchFileException if {@code modelDir} does not exist
     */
    public static Map<String, Tensor> load(Path modelDir) throws IOException {
        if (!Files.isDirectory(modelDir)) {
            throw new NoSuchFileException(modelDir.toString(), null, "model directory does not exist");
        }
        Path single = modelDir.resolve(SAFETENSORS);
        if (Files.isRegularFile(single)) {
            return Safetensors.read(single).asMap();
        }
        Path index = modelDir.resolve(SAFETENSORS_INDEX);
        if (Files.isRegularFile(index)) {
            return loadSharded(modelDir, index);
        }
        List<String> pickles = pickleFiles(modelDir);
        if (!pickles.isEmpty()) {
            throw new WeightsFormatException(modelDir + ": found PyTorch pickle weights " + pickles
                    + " but no " + SAFETENSORS + "; rerank4j does not read pickle files (loading one runs arbitrary"
                    + " code). Convert once in Python, with the AutoModel class of the checkpoint"
                    + " (AutoModelForSequenceClassification for a cross-encoder, AutoModel for a bare encoder):"
                    + " from transformers import AutoModelForSequenceClassification as M;"
                    + " M.from_pretrained('" + modelDir + "').save_pretrained('" + modelDir
                    + "', safe_serialization=True)");
        }
        throw new WeightsFormatException(modelDir + ": no model weights found; looked for " + SAFETENSORS + " and "
                + SAFETENSORS_INDEX + " (with its shards); the directory holds " + listing(modelDir));
    }

    /**
     * Opens the weights of the model in {@code modelDir} for reading one tensor at a time (only the headers are read
     * now), with the same file rules and errors as {@link #load}.
     */
    public static WeightSource open(Path modelDir) throws IOException {
        if (!Files.isDirectory(modelDir)) {
            throw new NoSuchFileException(modelDir.toString(), null, "model directory does not exist");
        }
        Map<String, SafetensorsHeader> byName = new LinkedHashMap<>();
        Path single = modelDir.resolve(SAFETENSORS);
        if (Files.isRegularFile(single)) {
            SafetensorsHeader header = Safetensors.readHeader(single);
            header.tensors().forEach(e -> byName.put(e.name(), header));
            return WeightSource.open(byName);
        }
        Path index = modelDir.resolve(SAFETENSORS_INDEX);
        if (!Files.isRegularFile(index)) {
            return WeightSource.of(load(modelDir)); // throws the messages of a missing or pickle checkpoint
        }
        Map<String, String> weightMap = readWeightMap(index);
        Map<String, SafetensorsHeader> headers = new LinkedHashMap<>();
        Path base = modelDir.toAbsolutePath().normalize();
        for (Map.Entry<String, String> e : weightMap.entrySet()) {
            Path path = base.resolve(e.getValue()).normalize();
            if (!base.equals(path.getParent())) {
                throw new WeightsFormatException(
                        index + ": shard name '" + e.getValue() + "' must be a file name in " + modelDir);
            }
            if (!Files.isRegularFile(path)) {
                throw new WeightsFormatException(index + ": shard file missing from " + modelDir + ": " + e.getValue());
            }
            SafetensorsHeader header = headers.get(e.getValue());
            if (header == null) {
                header = Safetensors.readHeader(path);
                headers.put(e.getValue(), header);
            }
            if (header.entry(e.getKey()).isEmpty()) {
                throw new WeightsFormatException(index + ": tensor '" + e.getKey() + "' is listed in shard '"
                        + e.getValue() + "' but that file does not hold it");
            }
            byName.put(e.getKey(), header);
        }
        return WeightSource.open(byName);
    }

    private static Map<String, Tensor> loadSharded(Path modelDir, Path index) throws IOException {
        Map<String, String> weightMap = readWeightMap(index);
        Map<String, Map<String, Tensor>> shards = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Path base = modelDir.toAbsolutePath().normalize();
        for (String shard : weightMap.values()) {
            Path path = base.resolve(shard).normalize();
            if (!base.equals(path.getParent())) {
                throw new WeightsFormatException(
                        index + ": shard name '" + shard + "' must be a file name in " + modelDir);
            }
            if (!Files.isRegularFile(path) && !missing.contains(shard)) {
                missing.add(shard);
            }
            shards.putIfAbsent(shard, Map.of());
        }
        if (!missing.isEmpty()) {
            throw new WeightsFormatException(index + ": shard files missing from " + modelDir + ": " + missing);
        }
        for (String shard : shards.keySet()) {
            shards.put(shard, Safetensors.read(modelDir.resolve(shard)).asMap());
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : weightMap.entrySet()) {
            Tensor t = shards.get(e.getValue()).get(e.getKey());
            if (t == null) {
                throw new WeightsFormatException(index + ": tensor '" + e.getKey() + "' is listed in shard '"
                        + e.getValue() + "' but that file does not hold it");
            }
            out.put(e.getKey(), t);
        }
        return out;
    }

    private static Map<String, String> readWeightMap(Path index) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (JacksonException e) {
            throw new WeightsFormatException(
                    ParseErrors.describe(index, "not valid JSON", e) + ParseErrors.FIX_MODEL_FILE, e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new WeightsFormatException(index + ": missing \"weight_map\" object (tensor name -> shard file)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            if (!e.getValue().isTextual()) {
                throw new WeightsFormatException(index + ": weight_map entry '" + e.getKey()
                        + "' must name a shard file, found " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static List<String> pickleFiles(Path modelDir) throws IOException {
        try (Stream<Path> files = Files.list(modelDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("pytorch_model") && (n.endsWith(".bin") || n.endsWith(".bin.index.json")))
                    .sorted()
                    .toList();
        }
    }

    private static String listing(Path modelDir) throws IOException {
        try (Stream<Path> files = Files.list(modelDir)) {
            List<String> names =
                    files.map(p -> p.getFileName().toString()).sorted().toList();
            return names.isEmpty() ? "nothing" : names.toString();
        }
    }
}
