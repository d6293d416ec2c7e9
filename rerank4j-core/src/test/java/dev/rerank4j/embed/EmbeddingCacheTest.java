package dev.rerank4j.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.ProgressMode;
import dev.rerank4j.testing.TinyEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk embedding cache: miss then hit, keys that separate prompts, texts and models, damaged files. */
class EmbeddingCacheTest {
    static final EncodeOptions QUIET = EncodeOptions.defaults().withProgress(ProgressMode.OFF);
    static final List<String> TEXTS = List.of("the cat sat on the mat", "where do people live", "a dog");

    @Test
    void secondLookupIsServedFromTheCacheFile(@TempDir Path tmp) throws Exception {
        EmbeddingCache cache = new EmbeddingCache(tmp.resolve("cache"));
        try (EmbeddingModel model = EmbeddingModel.load(
                TinyEmbeddings.randomStaticModel(tmp.resolve("m"), 16, 1, false), EmbeddingOptions.defaults())) {
            EmbeddingCache.Lookup first = cache.encode(model, TEXTS, QUIET);
            assertThat(first.hit()).isFalse();
            assertThat(first.file()).exists().hasParent(tmp.resolve("cache"));
            EmbeddingCache.Lookup second = cache.encode(model, TEXTS, QUIET);
            assertThat(second.hit()).isTrue();
            assertThat(second.file()).isEqualTo(first.file());
            assertThat(second.embeddings()).isEqualTo(first.embeddings()).isEqualTo(model.encode(TEXTS, QUIET));

            assertThat(cache.encode(model, TEXTS, QUIET.withPrompt("query: ")).hit())
                    .isFalse();
            assertThat(cache.encode(model, TEXTS.subList(0, 2), QUIET).hit()).isFalse();
            assertThat(cache.encode(model, TEXTS, QUIET.withNormalization(Normalization.UNIT_LENGTH))
                            .hit())
                    .isFalse();
            assertThat(cache.encode(model, TEXTS, QUIET.withBatchSize(1)).hit())
                    .as("the batch size does not change the embeddings")
                    .isTrue();

            Files.write(first.file(), new byte[] {1, 2, 3});
            EmbeddingCache.Lookup repaired = cache.encode(model, TEXTS, QUIET);
            assertThat(repaired.hit()).as("a damaged file is re-encoded").isFalse();
            assertThat(cache.encode(model, TEXTS, QUIET).embeddings()).isEqualTo(first.embeddings());
        }
        try (EmbeddingModel other = EmbeddingModel.load(
                TinyEmbeddings.randomStaticModel(tmp.resolve("m2"), 16, 2, false), EmbeddingOptions.defaults())) {
            assertThat(cache.encode(other, TEXTS, QUIET).hit())
                    .as("another model, another key")
                    .isFalse();
        }
    }
}
