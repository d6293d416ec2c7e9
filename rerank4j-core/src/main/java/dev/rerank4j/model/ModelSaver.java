package dev.rerank4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.io.DType;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.io.TempPaths;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.tokenize.ChatTemplateTokenizer;
import dev.rerank4j.tokenize.TokenizerFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes a {@link CrossEncoder} in the layout sentence-transformers writes, into a temporary directory beside the
 * target that replaces it only once complete: a failure leaves the previous directory (if any) untouched.
 */
final class ModelSaver {
    private ModelSaver() {}

    /** Saves with the default model card. */
    static void save(CrossEncoder model, Path target) throws IOException {
        write(model, target, null);
    }

    /** Saves with the given model card text instead of the default one. */
    static void save(CrossEncoder model, Path target, String card) throws IOException {
        write(model, target, java.util.Objects.requireNonNull(card, "card"));
    }

    /** {@code card} is null for the default card. */
    private static void write(CrossEncoder model, Path target, String card) throws IOException {
        Path dir = target.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createDirectory(TempPaths.sibling(dir, TempPaths.Kind.TMP));
        try {
            writeConfig(model, tmp);
            writeWeights(model, tmp);
            copyTokenizer(model, tmp);
            SentenceTransformersFiles.write(
                    tmp, model.activation(), versions(model), model.prompts(), model.defaultPromptName());
            writeChatTemplate(model, tmp);
            if (card != null) {
                Files.writeString(tmp.resolve("README.md"), card, StandardCharsets.UTF_8);
            } else {
                writeCard(model, tmp);
            }
            replace(tmp, dir);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(tmp);
            throw e;
        }
    }

    private static Map<String, String> versions(CrossEncoder model) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("sentence_transformers", SentenceTransformersFiles.ST_VERSION);
        String transformers = model.config().raw().path("transformers_version").asText("");
        if (!transformers.isEmpty()) {
            v.put("transformers", transformers);
        }
        v.put("pytorch", "2.7.1");
        v.put("rerank4j", Versions.rerank4j());
        return v;
    }

    private static void writeConfig(CrossEncoder model, Path dir) throws IOException {
        ModelConfig config = model.config();
        ObjectNode json = config.raw();
        json.putArray("architectures")
                .add(
                        causalLm(model).isPresent()
                                ? config.architectures().get(0)
                                : model.architecture().classificationClass());
        int labels = config.numLabels();
        JsonNode oldLabels = json.path("id2label");
        if (oldLabels.size() != labels) {
            ObjectNode id2label = json.putObject("id2label");
            ObjectNode label2id = json.putObject("label2id");
            for (int i = 0; i < labels; i++) {
                id2label.put(Integer.toString(i), "LABEL_" + i);
                label2id.put("LABEL_" + i, i);
            }
        }
        if (json.has("num_labels")) {
            json.put("num_labels", labels);
        }
        json.put("torch_dtype", "float32");
        ObjectNode st = json.putObject("sentence_transformers");
        st.put("activation_fn", model.activation().torchName());
        st.put("version", SentenceTransformersFiles.ST_VERSION);
        SentenceTransformersFiles.writeJson(dir.resolve("config.json"), SentenceTransformersFiles.sorted(json), 2);
    }

    /** The LogitScore of a causal-LM reranker; empty for a sequence classifier. */
    private static Optional<LogitScore> causalLm(CrossEncoder model) {
        return model.config() instanceof CausalLmConfig c && c.causalLm() ? c.logitScore() : Optional.empty();
    }

    /** A model that reads pairs through a chat template keeps it; a causal LM also gets its LogitScore module. */
    private static void writeChatTemplate(CrossEncoder model, Path dir) throws IOException {
        if (!(model.tokenizer() instanceof ChatTemplateTokenizer chat)) {
            return;
        }
        Optional<LogitScore> score = causalLm(model);
        if (score.isPresent()) {
            CausalLmFiles.write(dir, score.get(), chat.template());
        } else {
            Files.writeString(
                    dir.resolve(TokenizerFiles.CHAT_TEMPLATE), chat.template().text(), StandardCharsets.UTF_8);
        }
    }

    private static void writeWeights(CrossEncoder model, Path dir) throws IOException {
        Parameters p = model.parameters();
        List<Tensor> tensors = new ArrayList<>();
        p.all()
                .forEach((name, array) ->
                        tensors.add(Tensor.of(name, array.getShape().getShape(), array.toFloatArray())));
        Safetensors.write(dir.resolve("model.safetensors"), tensors, Safetensors.DEFAULT_METADATA, DType.F32);
    }

    private static void copyTokenizer(CrossEncoder model, Path dir) throws IOException {
        Path src = model.sourceDir();
        Files.copy(src.resolve(TokenizerFiles.TOKENIZER_JSON), dir.resolve(TokenizerFiles.TOKENIZER_JSON));
        for (String vocab : TokenizerFiles.VOCAB_FILES) {
            if (Files.isRegularFile(src.resolve(vocab))) {
                Files.copy(src.resolve(vocab), dir.resolve(vocab));
            }
        }
        TokenizerFiles.writeConfig(src, dir, model.maxLength(), model.explicitMaxLength());
    }

    private static void writeCard(CrossEncoder model, Path dir) throws IOException {
        Path readme = model.sourceDir().resolve("README.md");
        if (Files.isRegularFile(readme) && model.freshlyInitialised().isEmpty()) {
            // An unchanged cross-encoder keeps its card, as sentence-transformers does.
            Files.copy(readme, dir.resolve("README.md"));
        } else {
            Files.writeString(dir.resolve("README.md"), ModelCard.of(model).render(), StandardCharsets.UTF_8);
        }
    }

    private static void replace(Path tmp, Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = TempPaths.sibling(dir, TempPaths.Kind.OLD);
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(old, dir, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        deleteRecursively(old);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
