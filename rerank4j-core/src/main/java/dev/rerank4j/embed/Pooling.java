package dev.rerank4j.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A sentence-transformers {@code Pooling} module ({@code 1_Pooling/config.json}): one or more modes whose outputs are
 * concatenated, in the order given.
 *
 * @param dimension the width of a token state ({@code embedding_dimension}, formerly {@code word_embedding_dimension})
 * @param modes the modes, at least one
 * @param includePrompt whether prompt tokens count in the pooling ({@code include_prompt}, default true)
 */
public record Pooling(int dimension, List<PoolingMode> modes, boolean includePrompt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Pooling {
        modes = List.copyOf(modes);
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("modes must not be empty");
        }
    }

    /** Mean pooling, sentence-transformers' default for a model without a Pooling module. */
    public static Pooling mean(int dimension) {
        return new Pooling(dimension, List.of(PoolingMode.MEAN), true);
    }

    /** The width of the pooled vector: one {@code dimension} per mode. */
    public int outputDimension() {
        return dimension * modes.size();
    }

    /**
     * Reads a Pooling module's {@code config.json}, in the v6 form ({@code pooling_mode}: a name or a list) or the
     * older one (booleans {@code pooling_mode_*_tokens}; all false means mean).
     *
     * @throws ModelFormatException naming the file and the bad key
     */
    public static Pooling read(Path configFile) {
        JsonNode c;
        try {
            c = JSON.readTree(configFile.toFile());
        } catch (IOException e) {
            throw new ModelFormatException(configFile + ": cannot read the Pooling config (" + e.getMessage() + ")", e);
        }
        JsonNode dim = c.has("embedding_dimension") ? c.get("embedding_dimension") : c.get("word_embedding_dimension");
        if (dim == null || !dim.canConvertToInt() || dim.intValue() < 1) {
            throw new ModelFormatException(
                    configFile + ": \"embedding_dimension\" (or \"word_embedding_dimension\") must be a positive"
                            + " integer, got " + dim);
        }
        List<PoolingMode> modes = new ArrayList<>();
        JsonNode mode = c.get("pooling_mode");
        if (mode != null && !mode.isNull()) {
            for (JsonNode m : mode.isArray() ? mode : List.of(mode)) {
                String name = m.asText();
                modes.add(PoolingMode.fromConfigName(name)
                        .orElseThrow(() -> new ModelFormatException(configFile + ": unknown pooling_mode \"" + name
                                + "\" (supported: "
                                + Arrays.stream(PoolingMode.values())
                                        .map(PoolingMode::configName)
                                        .toList()
                                + ")")));
            }
        } else {
            for (PoolingMode m : PoolingMode.values()) {
                if (c.path(m.legacyKey()).asBoolean(false)) {
                    modes.add(m);
                }
            }
            if (modes.isEmpty()) {
                modes.add(PoolingMode.MEAN);
            }
        }
        return new Pooling(dim.intValue(), modes, c.path("include_prompt").asBoolean(true));
    }

    /**
     * Pools a padded batch.
     *
     * @param hidden token states {@code [batch, seq, dimension]}
     * @param mask the attention mask {@code [batch, seq]}
     * @param promptLength leading tokens to leave out when {@link #includePrompt()} is false (0 = none)
     * @return {@code [batch, outputDimension()]} row-major
     */
    public float[] pool(float[] hidden, long[] mask, int batch, int seq, int promptLength) {
        Objects.checkFromToIndex(0, batch * seq, mask.length);
        long[] m = mask;
        if (!includePrompt && promptLength > 0) {
            m = mask.clone();
            for (int r = 0; r < batch; r++) {
                Arrays.fill(m, r * seq, r * seq + Math.min(promptLength, seq), 0L);
            }
        }
        int out = outputDimension();
        float[] pooled = new float[batch * out];
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < modes.size(); i++) {
                modes.get(i).pool(hidden, m, r, seq, dimension, pooled, r * out + i * dimension);
            }
        }
        return pooled;
    }
}
