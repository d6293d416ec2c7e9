package dev.rerank4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rerank4j.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every pooling mode on a hand-computed batch, and both config layouts of 1_Pooling/config.json. */
class PoolingTest {
    // batch 2, seq 3, dim 2; row 0 has 2 real tokens, row 1 has 3
    static final float[] HIDDEN = {
        1, 2, 3, -4, 100, 100,
        -1, 0, 2, 2, 5, -6
    };
    static final long[] MASK = {1, 1, 0, 1, 1, 1};

    private static float[] pool(PoolingMode mode) {
        return new Pooling(2, List.of(mode), true).pool(HIDDEN, MASK, 2, 3, 0);
    }

    @Test
    void modesAsSentenceTransformersComputesThem() {
        assertThat(pool(PoolingMode.CLS)).containsExactly(1, 2, -1, 0);
        assertThat(pool(PoolingMode.MAX)).containsExactly(3, 2, 5, 2);
        assertThat(pool(PoolingMode.MEAN)).containsExactly(2, -1, 2, -4 / 3f);
        float[] sqrt = pool(PoolingMode.MEAN_SQRT_LEN_TOKENS);
        assertThat(sqrt[0]).isCloseTo((float) (4 / Math.sqrt(2)), within(1e-6f));
        assertThat(sqrt[3]).isCloseTo((float) (-4 / Math.sqrt(3)), within(1e-6f));
        // weights 1, 2 (row 0) and 1, 2, 3 (row 1)
        float[] weighted = pool(PoolingMode.WEIGHTED_MEAN);
        assertThat(weighted[0]).isCloseTo(7 / 3f, within(1e-6f));
        assertThat(weighted[1]).isCloseTo(-6 / 3f, within(1e-6f));
        assertThat(weighted[2]).isCloseTo(18 / 6f, within(1e-6f));
        assertThat(weighted[3]).isCloseTo(-14 / 6f, within(1e-6f));
        assertThat(pool(PoolingMode.LAST_TOKEN)).containsExactly(3, -4, 5, -6);
    }

    @Test
    void severalModesConcatenateAndPromptTokensCanBeExcluded() {
        Pooling p = new Pooling(2, List.of(PoolingMode.CLS, PoolingMode.MEAN), false);
        assertThat(p.outputDimension()).isEqualTo(4);
        assertThat(p.pool(HIDDEN, MASK, 2, 3, 0)).containsExactly(1, 2, 2, -1, -1, 0, 2, -4 / 3f);
        // without the first token: CLS takes the first remaining real token
        assertThat(p.pool(HIDDEN, MASK, 2, 3, 1)).containsExactly(3, -4, 3, -4, 2, 2, 3.5f, -2);
    }

    @Test
    void readsNewAndLegacyConfigs(@TempDir Path tmp) throws Exception {
        Path v6 = tmp.resolve("v6.json");
        Files.writeString(
                v6,
                "{\"embedding_dimension\": 384, \"pooling_mode\": [\"cls\", \"max\"]," + " \"include_prompt\": false}");
        assertThat(Pooling.read(v6)).isEqualTo(new Pooling(384, List.of(PoolingMode.CLS, PoolingMode.MAX), false));
        Path legacy = tmp.resolve("legacy.json");
        Files.writeString(
                legacy,
                "{\"word_embedding_dimension\": 384, \"pooling_mode_cls_token\": false,"
                        + " \"pooling_mode_mean_tokens\": true, \"pooling_mode_max_tokens\": false,"
                        + " \"pooling_mode_mean_sqrt_len_tokens\": false}");
        assertThat(Pooling.read(legacy)).isEqualTo(Pooling.mean(384));
        Path none = tmp.resolve("none.json");
        Files.writeString(none, "{\"word_embedding_dimension\": 8}");
        assertThat(Pooling.read(none).modes()).containsExactly(PoolingMode.MEAN);
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"embedding_dimension\": 8, \"pooling_mode\": \"median\"}");
        assertThatThrownBy(() -> Pooling.read(bad))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("bad.json")
                .hasMessageContaining("\"median\"");
    }
}
