package dev.rerank4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenFilesTest {
    @TempDir
    Path dir;

    @Test
    void theCommittedVectorsAreTheManifestsCases() {
        assertThat(GoldenFiles.cases("losses", Map.of()))
                .hasSize(80)
                .allSatisfy(
                        p -> assertThat(p).startsWith(GoldenFiles.committed().resolve("losses")))
                .extracting(p -> p.getFileName().toString())
                .contains("lambda_ndcg2pp_k3_binary_b8_graded.json", "cmnrl_b8_h2_mb5.json")
                .isSorted();
        assertThat(GoldenFiles.cases("metrics", Map.of()))
                .hasSize(10)
                .extracting(p -> p.getFileName().toString())
                .contains("graded_at100.json");
    }

    @Test
    void theOverrideNamesAGoldenStyleFolderOrTheCaseFolderItself() throws IOException {
        Files.createDirectories(dir.resolve("golden/losses"));
        Files.writeString(dir.resolve("golden/losses/b.json"), "{}");
        Files.writeString(dir.resolve("golden/losses/a.json"), "{}");
        Files.writeString(dir.resolve("golden/losses/notes.txt"), "not a case");
        Map<String, String> goldenStyle =
                Map.of(GoldenFiles.OVERRIDE, dir.resolve("golden").toString());
        assertThat(GoldenFiles.cases("losses", goldenStyle))
                .containsExactly(dir.resolve("golden/losses/a.json"), dir.resolve("golden/losses/b.json"));
        Map<String, String> itself =
                Map.of(GoldenFiles.OVERRIDE, dir.resolve("golden/losses").toString());
        assertThat(GoldenFiles.cases("losses", itself))
                .containsExactly(dir.resolve("golden/losses/a.json"), dir.resolve("golden/losses/b.json"));
    }

    @Test
    void aMissingOrEmptyOverrideFails() throws IOException {
        Map<String, String> missing =
                Map.of(GoldenFiles.OVERRIDE, dir.resolve("nowhere").toString());
        assertThatThrownBy(() -> GoldenFiles.cases("metrics", missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nowhere")
                .hasMessageContaining("does not exist");
        Files.createDirectories(dir.resolve("metrics"));
        assertThatThrownBy(() -> GoldenFiles.cases("metrics", Map.of(GoldenFiles.OVERRIDE, dir.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no golden metrics cases (*.json) in " + dir.resolve("metrics"));
    }
}
