package dev.rerank4j.retrieval;

import dev.rerank4j.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recognizes the layout of a benchmark folder and reads its test split. */
public final class RetrievalDatasets {
    private RetrievalDatasets() {}

    /**
     * Reads {@code dir}: a BEIR folder ({@code corpus.jsonl[.gz]}, test qrels) or the original NFCorpus release
     * ({@code test.docs}, titles queries, 2-1-0 qrels).
     *
     * @throws DataFormatException if the folder has neither layout
     */
    public static RetrievalDataset readTestSplit(Path dir) throws IOException {
        return readSplit(dir, "test");
    }

    /**
     * Reads one split of {@code dir}: {@code qrels/{split}.tsv} of a BEIR folder (SciFact has {@code train}), or
     * {@code {split}.docs}, titles queries and 2-1-0 qrels of the original NFCorpus ({@code dev}, {@code test}).
     * Splits other than {@code test} are for choosing settings (a fusion weight) without touching test queries.
     *
     * @throws DataFormatException if the folder has neither layout
     */
    public static RetrievalDataset readSplit(Path dir, String split) throws IOException {
        if (Files.isRegularFile(dir.resolve("corpus.jsonl")) || Files.isRegularFile(dir.resolve("corpus.jsonl.gz"))) {
            return BeirReader.read(dir, split);
        }
        if (Files.isRegularFile(dir.resolve(split + ".docs"))) {
            return NfCorpusReader.read(dir, new NfCorpusReader.Selection(split, "titles", "2-1-0"));
        }
        throw new DataFormatException(
                dir,
                0,
                "not a benchmark folder (split " + split
                        + "): expected corpus.jsonl[.gz] + queries.jsonl[.gz] + qrels/test.tsv (BEIR) or"
                        + " test.docs + test.titles.queries + test.2-1-0.qrel (NFCorpus)");
    }
}
