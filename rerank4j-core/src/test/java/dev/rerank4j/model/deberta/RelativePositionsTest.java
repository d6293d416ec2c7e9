package dev.rerank4j.model.deberta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.testing.DebertaReference;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Log buckets and gather indices of DeBERTa's relative positions. */
class RelativePositionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * {@code make_log_bucket_position} as transformers computes it (fixture {@code log-buckets.json}, from
     * {@code make_deberta_fixtures.py}) over every relative position of a 1,100-token window with DeBERTa-v3's 256
     * buckets over 512 positions, and two smaller settings; the float32 computation (rerank4j) and the double one
     * (the reference) agree with it.
     */
    @Test
    void logBucketsMatchTransformers() throws IOException, URISyntaxException {
        Path file = Path.of(
                getClass().getResource("/fixtures/deberta-v2/log-buckets.json").toURI());
        JsonNode table = JSON.readTree(file.toFile());
        assertThat(table.size()).isEqualTo(3);
        table.fieldNames().forEachRemaining(key -> {
            int size = Integer.parseInt(key.split("/")[0]);
            int max = Integer.parseInt(key.split("/")[1]);
            JsonNode t = table.path(key);
            int from = t.path("from").asInt();
            for (int i = 0; i < t.path("buckets").size(); i++) {
                int rel = from + i;
                long hf = t.path("buckets").get(i).asLong();
                assertThat(RelativePositions.logBucket(rel, size, max))
                        .as("%s at %d", key, rel)
                        .isEqualTo(hf);
                assertThat(DebertaReference.logBucket(rel, size, max))
                        .as("reference %s at %d", key, rel)
                        .isEqualTo(hf);
            }
        });
        // Hand-computed: 300 tokens apart with 256 buckets over 512 positions lands in
        // ceil(ln(300/128) / ln(511/128) * 127) + 128 = ceil(78.13) + 128 = 207.
        assertThat(RelativePositions.logBucket(300, 256, 512)).isEqualTo(207);
        assertThat(RelativePositions.logBucket(-300, 256, 512)).isEqualTo(-207);
        assertThat(RelativePositions.logBucket(128, 256, 512)).isEqualTo(128);
    }

    /** The gather rows keep only the reachable window; shifted back they are the clamped transformers indices. */
    @Test
    void gatherIndicesAreTheClampedRelativePositionsOfTheUsedWindow() {
        RelativeAttention buckets = new RelativeAttention(
                true, Set.of(RelativeAttention.Term.C2P, RelativeAttention.Term.P2C), 512, 256, true, true);
        RelativePositions p = RelativePositions.of(300, buckets);
        int span = 256;
        // rel(i, j) = bucket(i - j) ranges over [-206, 206] for 300 tokens (299 apart at most:
        // ceil(ln(299/128) / ln(511/128) * 127) + 128 = ceil(77.84) + 128): rows 50..462 of 512.
        assertThat(RelativePositions.logBucket(299, 256, 512)).isEqualTo(206);
        assertThat(p.first()).isEqualTo(span - 206);
        assertThat(p.rows()).isEqualTo(2 * 206 + 1);
        assertThat(p.c2p()[0 * 300 + 299] + p.first()).isEqualTo(span - 206); // query 0, key 299: rel -299
        assertThat(p.c2p()[299 * 300 + 0] + p.first()).isEqualTo(span + 206);
        assertThat(p.p2c()[299 * 300 + 0] + p.first()).isEqualTo(span - 206);
        assertThat(p.c2p()[5 * 300 + 5] + p.first()).isEqualTo(span);

        // Without buckets the indices clamp at the span's ends.
        RelativeAttention shortSpan =
                new RelativeAttention(true, Set.of(RelativeAttention.Term.C2P), 6, -1, false, false);
        RelativePositions q = RelativePositions.of(20, shortSpan);
        assertThat(q.first()).isZero();
        assertThat(q.rows()).isEqualTo(12);
        assertThat(q.c2p()[19 * 20]).isEqualTo(11); // rel 19 + 6 clamps to 2 * 6 - 1
        assertThat(q.c2p()[19]).isZero(); // rel -19 + 6 clamps to 0
        assertThat(q.c2p()[3 * 20 + 1]).isEqualTo(8);
    }
}
