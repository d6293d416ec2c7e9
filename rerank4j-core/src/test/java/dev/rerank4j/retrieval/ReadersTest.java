package dev.rerank4j.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.testing.DataSuite;
import dev.rerank4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {
    @TempDir
    Path dir;

    @Test
    void readsABeirFolderKeepingJudgedQueriesAndCountingMissingDocuments() throws IOException {
        RetrievalDataset dataset = RetrievalDatasets.readTestSplit(BeirFolders.write(dir, "beir-tiny"));
        assertThat(dataset.name()).isEqualTo("beir-tiny");
        assertThat(dataset.corpus()).hasSize(5);
        assertThat(dataset.corpus().get(0).contents()).isEqualTo("Cats cats purr and sleep");
        assertThat(dataset.corpus().get(1).contents()).isEqualTo("dogs bark at cats");
        assertThat(dataset.queries()).extracting(RetrievalQuery::id).containsExactly("q1", "q2", "q4");
        assertThat(dataset.qrels().of("q2")).isEqualTo(Map.of("d3", 1, "q2", 0));
        assertThat(dataset.qrels().of("q4")).isEmpty();
        assertThat(dataset.skippedQrels()).isEqualTo(1);
    }

    @Test
    void malformedBeirFilesNameFileAndLine() throws IOException {
        assertBad(
                "{\"_id\": \"d1\", \"text\": \"a\"}\n{\"_id\": \"d2\", \"text\": \"b\"\n",
                BeirFolders.QUERIES,
                BeirFolders.QRELS,
                "corpus.jsonl.gz:2: not valid JSON");
        assertBad(
                "{\"text\": \"a\"}\n",
                BeirFolders.QUERIES,
                BeirFolders.QRELS,
                "corpus.jsonl.gz:1: missing field \"_id\"");
        assertBad(
                "{\"_id\": \"d1\", \"title\": \"t\"}\n",
                BeirFolders.QUERIES,
                BeirFolders.QRELS,
                "corpus.jsonl.gz:1: missing field \"text\"");
        assertBad(
                "{\"_id\": \"d1\", \"text\": [\"a\"]}\n",
                BeirFolders.QUERIES,
                BeirFolders.QRELS,
                "corpus.jsonl.gz:1: field \"text\" must be a string, got ARRAY");
        assertBad(
                "{\"_id\": \"d1\", \"text\": \"a\"}\n{\"_id\": \"d1\", \"text\": \"b\"}\n",
                BeirFolders.QUERIES,
                BeirFolders.QRELS,
                "corpus.jsonl.gz:2: duplicate _id \"d1\"");
        assertBad(BeirFolders.CORPUS, "[1, 2]\n", BeirFolders.QRELS, "queries.jsonl:1: expected a JSON object");
        assertBad(
                BeirFolders.CORPUS,
                BeirFolders.QUERIES,
                "query-id\tcorpus-id\tscore\nq1\td1\n",
                "test.tsv:2: expected 3 tab-separated fields (query-id, corpus-id, score), got 2");
        assertBad(
                BeirFolders.CORPUS,
                BeirFolders.QUERIES,
                "q1\td1\t0.5\n",
                "test.tsv:1: grade must be an integer, got \"0.5\"");
        assertBad(
                BeirFolders.CORPUS,
                BeirFolders.QUERIES,
                "q1\td1\t1\nq9\td1\t1\n",
                "test.tsv:2: unknown query id \"q9\"");
        assertBad(
                BeirFolders.CORPUS,
                BeirFolders.QUERIES,
                "q1\td1\t1\nq1\td1\t2\n",
                "test.tsv:2: (q1, d1) judged twice with different grades: 1 and 2");
        assertBad(BeirFolders.CORPUS, BeirFolders.QUERIES, "query-id\tcorpus-id\tscore\n", "test.tsv: no judgments");
    }

    private void assertBad(String corpus, String queries, String qrels, String message) throws IOException {
        Path folder = BeirFolders.write(dir, "bad", corpus, queries, qrels);
        assertThatThrownBy(() -> BeirReader.read(folder, "test"))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(message);
    }

    @Test
    void unknownFolderLayoutIsReported() {
        assertThatThrownBy(() -> RetrievalDatasets.readTestSplit(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("not a benchmark folder");
    }

    @Test
    void readsAnNfCorpusReleaseFolderWithGradedQrelsAndItsSelection() throws IOException {
        Files.writeString(
                dir.resolve("test.docs"),
                "MED-10\tstatin use and breast cancer surviv\nMED-14\tcanc num\n" + "MED-20\tvitamin d intak\n");
        Files.writeString(
                dir.resolve("test.titles.queries"),
                "PLAIN-2\tDo Cholesterol Statin Drugs Cause Breast"
                        + " Cancer?\nPLAIN-12\tExploiting Autophagy to Live Longer\nPLAIN-3\tunjudged\n");
        Files.writeString(dir.resolve("test.vid-desc.queries"), "PLAIN-2\ta video description\n");
        Files.writeString(
                dir.resolve("test.2-1-0.qrel"),
                "PLAIN-2 0 MED-10 2\nPLAIN-2 0 MED-14 1\nPLAIN-12 0 MED-20 1\nPLAIN-12 0 MED-99 2\n");
        Files.writeString(dir.resolve("test.3-2-1.qrel"), "PLAIN-2 0 MED-20 3\n");
        RetrievalDataset nf = RetrievalDatasets.readTestSplit(dir);
        assertThat(nf.name()).isEqualTo(dir.getFileName().toString());
        assertThat(nf.corpus())
                .extracting(CorpusDocument::id, CorpusDocument::contents)
                .containsExactly(
                        tuple("MED-10", "statin use and breast cancer surviv"),
                        tuple("MED-14", "canc num"),
                        tuple("MED-20", "vitamin d intak"));
        assertThat(nf.queries())
                .as("judged queries only, in file order")
                .extracting(RetrievalQuery::id)
                .containsExactly("PLAIN-2", "PLAIN-12");
        assertThat(nf.queries().get(0).text()).isEqualTo("Do Cholesterol Statin Drugs Cause Breast Cancer?");
        assertThat(nf.qrels().of("PLAIN-2")).isEqualTo(Map.of("MED-10", 2, "MED-14", 1));
        assertThat(nf.qrels().of("PLAIN-12")).isEqualTo(Map.of("MED-20", 1));
        assertThat(nf.skippedQrels()).as("the judgment of the missing MED-99").isEqualTo(1);
        RetrievalDataset other = NfCorpusReader.read(dir, new NfCorpusReader.Selection("test", "vid-desc", "3-2-1"));
        assertThat(other.queries()).extracting(RetrievalQuery::text).containsExactly("a video description");
        assertThat(other.qrels().of("PLAIN-2")).isEqualTo(Map.of("MED-20", 3));
    }

    @Test
    @DataSuite
    void readsTheOriginalNfCorpusReleaseWithGradedQrels() throws IOException {
        RetrievalDataset nf = RetrievalDatasets.readTestSplit(SharedData.dataset("nfcorpus-original"));
        assertThat(nf.corpus()).hasSize(3162);
        assertThat(nf.queries()).hasSize(323);
        assertThat(nf.qrels().size()).isEqualTo(12334);
        assertThat(nf.qrels().of("PLAIN-2")).containsEntry("MED-10", 2);
        assertThat(nf.qrels().judgments().values().stream()
                        .flatMap(m -> m.values().stream())
                        .distinct())
                .containsExactlyInAnyOrder(1, 2);
        assertThat(nf.skippedQrels()).isZero();
    }

    @Test
    @DataSuite
    void readsBeirArguAnaSkippingItsFiveDanglingJudgments() throws IOException {
        RetrievalDataset arguana = BeirReader.read(SharedData.dataset("beir-arguana"), "test");
        assertThat(arguana.corpus()).hasSize(8674);
        assertThat(arguana.queries()).hasSize(1406);
        assertThat(arguana.skippedQrels()).isEqualTo(5);
        assertThat(arguana.qrels().size()).isEqualTo(1406 - 5);
    }

    @Test
    void malformedNfCorpusFilesNameFileAndLine() throws IOException {
        Files.writeString(dir.resolve("test.docs"), "MED-1\tsome text\nMED-2\n");
        Files.writeString(dir.resolve("test.titles.queries"), "PLAIN-1\tquery\n");
        Files.writeString(dir.resolve("test.2-1-0.qrel"), "PLAIN-1 0 MED-1 2\n");
        assertThatThrownBy(() -> NfCorpusReader.read(dir))
                .hasMessageContaining("test.docs:2: expected 2 tab-separated fields (DOC_ID, TEXT), got 1");
        Files.writeString(dir.resolve("test.docs"), "MED-1\tsome text\n");
        Files.writeString(dir.resolve("test.2-1-0.qrel"), "PLAIN-1 0 MED-1 2\nPLAIN-1 MED-1 2\n");
        assertThatThrownBy(() -> NfCorpusReader.read(dir))
                .hasMessageContaining(
                        "test.2-1-0.qrel:2: expected 4 whitespace-separated fields (QID 0 DOCID REL), got 3");
        Files.writeString(dir.resolve("test.2-1-0.qrel"), "PLAIN-1 0 MED-1 two\n");
        assertThatThrownBy(() -> NfCorpusReader.read(dir))
                .hasMessageContaining("test.2-1-0.qrel:1: grade must be an integer, got \"two\"");
        Files.writeString(dir.resolve("test.2-1-0.qrel"), "PLAIN-9 0 MED-1 1\n");
        assertThatThrownBy(() -> NfCorpusReader.read(dir))
                .hasMessageContaining("test.2-1-0.qrel:1: unknown query id \"PLAIN-9\"");
    }
}
