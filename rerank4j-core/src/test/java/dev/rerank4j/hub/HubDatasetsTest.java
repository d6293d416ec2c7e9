package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.data.Dataset;
import dev.rerank4j.data.HubDatasetRef;
import dev.rerank4j.data.HubDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hub datasets from a loopback hub: which files form a split, the cache layout, and offline use of the cache. */
class HubDatasetsTest {
    private static final String REPO = "acme/qa-pairs";

    @TempDir
    Path cache;

    @TempDir
    Path work;

    private FakeHubServer hub;
    private FakeRepo repo;

    @BeforeEach
    void start() throws Exception {
        hub = new FakeHubServer(request -> FakeHubServer.Reply.status(500));
        repo = new FakeRepo(REPO, hub.otherOrigin()).asDataset();
        hub.handler(repo);
        repo.add("data/train-00000-of-00002.parquet", parquet("train0", "('q1', 'd1', 1), ('q2', 'd2', 0)"), true)
                .add("data/train-00001-of-00002.parquet", parquet("train1", "('q3', 'd3', 1)"), true)
                .add("data/test-00000-of-00001.parquet", parquet("test", "('t1', 'x', 0)"), true)
                .add(".gitattributes", "*.parquet filter=lfs", false);
    }

    @AfterEach
    void stop() throws IOException {
        hub.close();
    }

    private HubClient client() {
        return new HubClient(HubOptions.of(hub.uri(), cache), DownloadListener.none());
    }

    private byte[] parquet(String name, String values) throws Exception {
        Path f = work.resolve(name + ".parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES " + values + ") t(query, document, label)) TO '" + f
                    + "' (FORMAT PARQUET)");
        }
        return Files.readAllBytes(f);
    }

    @Test
    void aSplitIsItsShardsInOrderCachedUnderDatasetsFolder() throws IOException {
        Dataset train = HubDatasets.load(client(), HubDatasetRef.of(REPO, "train"));
        assertThat(train.name()).isEqualTo("acme/qa-pairs:train");
        assertThat(train.columns()).containsExactly("query", "document", "label");
        assertThat(train.column("query")).containsExactly("q1", "q2", "q3");
        assertThat(cache.resolve(
                        "datasets--acme--qa-pairs/snapshots/" + FakeRepo.COMMIT + "/data/train-00001-of-00002.parquet"))
                .isRegularFile();
        // one listing to choose the files, one for the snapshot of them
        assertThat(hub.count("GET", "/api/datasets/acme/qa-pairs/revision/main"))
                .isEqualTo(2);
        assertThat(hub.count("HEAD", "/datasets/acme/qa-pairs/resolve/")).isEqualTo(2);
        assertThat(hub.count("HEAD", "test-00000")).isZero();

        HubClient offline = new HubClient(
                HubOptions.of(hub.uri(), cache).withNetworkMode(NetworkMode.OFFLINE), DownloadListener.none());
        assertThat(HubDatasets.load(offline, HubDatasetRef.of(REPO, "train")).size())
                .isEqualTo(3);
    }

    @Test
    void theReadmeConfigsDecideConfigsAndSplits() throws Exception {
        repo.add("README.md", """
                ---
                configs:
                - config_name: pair
                  data_files:
                  - split: train
                    path: data/train-00001-*
                  - split: dev
                    path: data/test-*.parquet
                - config_name: other
                  default: true
                  data_files: data/train-00000-*
                ---
                # QA pairs
                """, false);
        assertThat(HubDatasets.load(client(), new HubDatasetRef(REPO, "pair", "dev", "main"))
                        .column("query"))
                .containsExactly("t1");
        assertThat(HubDatasets.load(client(), HubDatasetRef.of(REPO, "train")).column("query"))
                .containsExactly("q1", "q2");
        assertThatThrownBy(() -> HubDatasets.load(client(), new HubDatasetRef(REPO, "pair", "validation", "main")))
                .hasMessage("dataset acme/qa-pairs config 'pair' has no split 'validation' (splits: train, dev)");
        assertThatThrownBy(() -> HubDatasets.load(client(), new HubDatasetRef(REPO, "triplet", "train", "main")))
                .hasMessage("dataset acme/qa-pairs: no config 'triplet' (configs: pair, other)");
    }

    @Test
    void aMissingSplitListsTheDataFiles() {
        assertThatThrownBy(() -> HubDatasets.load(client(), HubDatasetRef.of(REPO, "validation")))
                .hasMessageStartingWith("dataset acme/qa-pairs has no data files for split 'validation'; its data"
                        + " files: data/train-00000-of-00002.parquet");
    }

    @Test
    void hubUrlsAndCacheFoldersOfDatasets() {
        RepoId id = new RepoId("org/d", RepoType.DATASET);
        assertThat(id.folderName()).isEqualTo("datasets--org--d");
        assertThat(HubUrls.resolve(java.net.URI.create("https://huggingface.co"), id, "main", "data/a.parquet"))
                .hasToString("https://huggingface.co/datasets/org/d/resolve/main/data/a.parquet");
        assertThat(HubUrls.repoInfo(java.net.URI.create("https://huggingface.co"), id, "main"))
                .hasToString("https://huggingface.co/api/datasets/org/d/revision/main");
        assertThat(List.of(RepoType.values())).containsExactly(RepoType.MODEL, RepoType.DATASET);
    }
}
