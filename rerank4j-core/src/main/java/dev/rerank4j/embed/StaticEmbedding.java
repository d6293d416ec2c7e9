package dev.rerank4j.embed;

import dev.rerank4j.ModelFormatException;
import dev.rerank4j.ProgressListener;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.io.SafetensorsFile;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.io.WeightsFormatException;
import dev.rerank4j.tokenize.EncodedText;
import dev.rerank4j.tokenize.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A static embedding model, sentence-transformers' {@code StaticEmbedding} module (as in {@code
 * sentence-transformers/static-retrieval-mrl-en-v1} and model2vec models): the mean of per-token embedding rows,
 * computed in plain Java (an {@code nn.EmbeddingBag} with mode mean). No transformer runs, so it encodes thousands of
 * texts per second on a CPU.
 *
 * <p>Files, in the module folder ({@code 0_StaticEmbedding/}): {@code model.safetensors} holding {@code
 * embedding.weight} {@code [vocab, dim]} (model2vec files name it {@code embeddings}) and {@code tokenizer.json}. Texts
 * are tokenized without special tokens; the truncation block of {@code tokenizer.json}, if set, applies, as it does for
 * Python's {@code tokenizers.Tokenizer.from_file}. A text without tokens embeds as zeros.
 */
public final class StaticEmbedding implements EmbeddingModel {
    private final String source;
    private final TextTokenizer tokenizer;
    private final float[] weights;
    private final int vocab;
    private final int dim;
    private final boolean normalizeModule;
    private final Prompts prompts;
    private final String fingerprint;

    private StaticEmbedding(
            String source,
            TextTokenizer tokenizer,
            Tensor weights,
            boolean normalizeModule,
            Prompts prompts,
            String fingerprint) {
        this.source = source;
        this.tokenizer = tokenizer;
        this.weights = weights.values();
        this.vocab = (int) weights.dim(0);
        this.dim = (int) weights.dim(1);
        this.normalizeModule = normalizeModule;
        this.prompts = prompts;
        this.fingerprint = fingerprint;
    }

    static StaticEmbedding load(Path dir, String source, List<ModuleEntry> modules) {
        Path modulesFile = dir.resolve("modules.json");
        boolean normalize = false;
        for (ModuleEntry m : modules.subList(1, modules.size())) {
            if (m.kind(modulesFile) != ModuleEntry.Kind.NORMALIZE) {
                throw new ModelFormatException(modulesFile + ": module " + m.idx() + " (" + m.type()
                        + ") cannot follow a StaticEmbedding; rerank4j supports StaticEmbedding alone or followed by"
                        + " Normalize");
            }
            normalize = true;
        }
        Path moduleDir = dir.resolve(modules.get(0).path());
        Tensor weights = weights(moduleDir);
        TextTokenizer tokenizer = TextTokenizer.load(
                moduleDir,
                TextTokenizer.SpecialTokens.OMIT,
                TextTokenizer.fileMaxLength(moduleDir).orElse(0),
                0);
        return new StaticEmbedding(
                source,
                tokenizer,
                weights,
                normalize,
                Prompts.read(dir),
                ModelFingerprint.of(dir, "static normalize=" + normalize));
    }

    private static Tensor weights(Path moduleDir) {
        Path file = moduleDir.resolve("model.safetensors");
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file + ": missing; a StaticEmbedding module keeps its embedding matrix"
                    + " there (embedding.weight)");
        }
        SafetensorsFile st;
        try {
            st = Safetensors.read(file);
        } catch (IOException | WeightsFormatException e) {
            throw new ModelFormatException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        Tensor t = st.tensor("embedding.weight")
                .or(() -> st.tensor("embeddings"))
                .orElseThrow(() -> new ModelFormatException(file + ": no tensor \"embedding.weight\" (nor model2vec's"
                        + " \"embeddings\"); found " + st.asMap().keySet()));
        if (t.rank() != 2 || t.dim(0) < 1 || t.dim(1) < 1) {
            throw new ModelFormatException(
                    file + ": " + t.name() + " must be a [vocab, dim] matrix, got shape " + Arrays.toString(t.shape()));
        }
        return t;
    }

    @Override
    public Embeddings encode(List<String> texts, EncodeOptions options) {
        float[] out = new float[texts.size() * dim];
        int batch = options.batchSize();
        try (ProgressListener.Task progress = EncodingProgress.start(options, texts.size())) {
            for (int from = 0; from < texts.size(); from += batch) {
                options.stop().throwIfStopped();
                int to = Math.min(texts.size(), from + batch);
                List<String> chunk = texts.subList(from, to).stream()
                        .map(t -> options.prompt() + t)
                        .toList();
                List<EncodedText> encoded = tokenizer.encode(chunk);
                for (int r = 0; r < encoded.size(); r++) {
                    bag(encoded.get(r), out, (from + r) * dim);
                }
                progress.step(to - from);
            }
        }
        if (normalizeModule || options.normalization() == Normalization.UNIT_LENGTH) {
            Embeddings.normalizeRows(out, dim);
        }
        return new Embeddings(texts.size(), dim, out);
    }

    /** The mean of the token rows, accumulated in double. */
    private void bag(EncodedText text, float[] out, int at) {
        int n = text.length();
        if (n == 0) {
            return;
        }
        double[] sum = new double[dim];
        for (int i = 0; i < n; i++) {
            long id = text.id(i);
            if (id < 0 || id >= vocab) {
                throw new ModelFormatException(source + ": token id " + id + " is outside the embedding matrix ("
                        + vocab + " rows); tokenizer.json and model.safetensors do not belong together");
            }
            int row = (int) id * dim;
            for (int d = 0; d < dim; d++) {
                sum[d] += weights[row + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            out[at + d] = (float) (sum[d] / n);
        }
    }

    /** Rows of the embedding matrix (the vocabulary size). */
    public int vocabularySize() {
        return vocab;
    }

    /** Whether the model ends with a {@code Normalize} module. */
    public boolean normalizes() {
        return normalizeModule;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public Prompts prompts() {
        return prompts;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
