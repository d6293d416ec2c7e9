package dev.rerank4j.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Bm25FirstStageTest {
    @TempDir
    Path dir;

    private RetrievalDataset tiny() throws IOException {
        return BeirReader.read(BeirFolders.write(dir, "tiny"), "test");
    }

    @Test
    void dropsSelfMatchesWithoutLosingDepth() throws IOException {
        RetrievalDataset dataset = tiny();
        Bm25Settings settings = new Bm25Settings(Bm25Params.ANSERINI, 1, SelfMatch.DROP);
        FirstStageRun run = Bm25FirstStage.retrieve(dataset, settings, FirstStageCache.disabled())
                .run();
        // q2's text is document q2's text: the self-match is dropped and the next hit fills the depth of 1
        assertThat(run.of("q2")).hasSize(1);
        assertThat(run.of("q2").get(0).docId()).isNotEqualTo("q2");
        assertThat(run.selfMatchesDropped()).isEqualTo(1);
        FirstStageRun kept = Bm25FirstStage.retrieve(
                        dataset, new Bm25Settings(Bm25Params.ANSERINI, 1, SelfMatch.KEEP), FirstStageCache.disabled())
                .run();
        assertThat(kept.of("q2")).extracting(Hit::docId).containsExactly("q2");
        assertThat(run.hits().keySet()).containsExactly("q1", "q2", "q4");
    }

    @Test
    void secondRetrievalReadsTheCache() throws IOException {
        RetrievalDataset dataset = tiny();
        FirstStageCache cache = FirstStageCache.in(dir.resolve("cache"));
        Bm25Settings settings = Bm25Settings.anserini(10);
        FirstStageResult first = Bm25FirstStage.retrieve(dataset, settings, cache);
        FirstStageResult second = Bm25FirstStage.retrieve(dataset, settings, cache);
        assertThat(first.fromCache()).isFalse();
        assertThat(second.fromCache()).isTrue();
        assertThat(second.run()).isEqualTo(first.run());
        assertThat(second.run().of("q4")).isEqualTo(first.run().of("q4"));
        try (var files = Files.list(dir.resolve("cache"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactly(first.run().fingerprint() + ".run.tsv");
        }
    }

    @Test
    void fingerprintChangesWithParametersCorpusAndQueries() throws IOException {
        RetrievalDataset dataset = tiny();
        String base = Bm25FirstStage.fingerprint(dataset, Bm25Settings.anserini(10));
        assertThat(Bm25FirstStage.fingerprint(dataset, Bm25Settings.anserini(10)))
                .isEqualTo(base);
        assertThat(Bm25FirstStage.fingerprint(dataset, Bm25Settings.anserini(11)))
                .isNotEqualTo(base);
        assertThat(Bm25FirstStage.fingerprint(
                        dataset, new Bm25Settings(new Bm25Params(1.2f, 0.4f), 10, SelfMatch.DROP)))
                .isNotEqualTo(base);
        List<CorpusDocument> corpus = new java.util.ArrayList<>(dataset.corpus());
        corpus.set(0, new CorpusDocument("d1", "Cats", "cats purr and nap"));
        RetrievalDataset edited =
                new RetrievalDataset("tiny", corpus, dataset.queries(), dataset.qrels(), dataset.skippedQrels());
        assertThat(Bm25FirstStage.fingerprint(edited, Bm25Settings.anserini(10)))
                .isNotEqualTo(base);
        RetrievalDataset renamed = new RetrievalDataset(
                "other", dataset.corpus(), dataset.queries(), dataset.qrels(), dataset.skippedQrels());
        assertThat(Bm25FirstStage.fingerprint(renamed, Bm25Settings.anserini(10)))
                .isEqualTo(base);
    }

    @Test
    void aCorruptCacheFileIsRecomputed() throws IOException {
        RetrievalDataset dataset = tiny();
        FirstStageCache cache = FirstStageCache.in(dir.resolve("cache"));
        FirstStageResult first = Bm25FirstStage.retrieve(dataset, Bm25Settings.anserini(10), cache);
        Path file = dir.resolve("cache").resolve(first.run().fingerprint() + ".run.tsv");
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, lines.size() - 1)); // truncated: no end marker
        FirstStageResult again = Bm25FirstStage.retrieve(dataset, Bm25Settings.anserini(10), cache);
        assertThat(again.fromCache()).isFalse();
        assertThat(again.run()).isEqualTo(first.run());
        assertThat(Bm25FirstStage.retrieve(dataset, Bm25Settings.anserini(10), cache)
                        .fromCache())
                .isTrue();
    }
}
