package dev.rerank4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary names carry their writer's process id; a sweep removes those of dead processes only. */
class TempPathsTest {
    @TempDir
    Path tmp;

    @Test
    void aSiblingIsAHiddenNameBesideTheTargetThatNamesThisProcess() {
        Path target = tmp.resolve("final");
        Path a = TempPaths.sibling(target, TempPaths.Kind.TMP);
        Path b = TempPaths.sibling(target, TempPaths.Kind.TMP);
        assertThat(a.getParent()).isEqualTo(tmp.toAbsolutePath().normalize());
        assertThat(a.getFileName().toString())
                .startsWith(".final.rerank4j-tmp-" + ProcessHandle.current().pid() + "-");
        assertThat(a).isNotEqualTo(b);
        assertThat(TempPaths.isTemporary(a)).isTrue();
        assertThat(TempPaths.isTemporary(TempPaths.sibling(target, TempPaths.Kind.OLD)))
                .isTrue();
        assertThat(TempPaths.isTemporary(target)).isFalse();
        assertThat(TempPaths.isTemporary(tmp.resolve(".final.rerank4j-tmp-notapid-x")))
                .isFalse();
        assertThat(a).doesNotExist();
    }

    @Test
    void aSweepRemovesTheLeftoversOfDeadProcessesOnly() throws Exception {
        Path deadDir = Files.createDirectories(tmp.resolve(".final.rerank4j-tmp-999999999-a/sub"));
        Files.writeString(deadDir.resolve("model.safetensors"), "partial");
        Path deadFile = Files.writeString(tmp.resolve(".s.jsonl.rerank4j-gone-999999998-b"), "x");
        Path mine = Files.writeString(
                tmp.resolve(".s.jsonl.rerank4j-tmp-" + ProcessHandle.current().pid() + "-c"), "being written");
        Path user = Files.writeString(tmp.resolve(".final.tmp-whatever"), "not ours to judge");
        assertThat(TempPaths.removeLeftovers(tmp)).isEqualTo(2);
        assertThat(tmp.resolve(".final.rerank4j-tmp-999999999-a")).doesNotExist();
        assertThat(deadFile).doesNotExist();
        assertThat(mine).exists();
        assertThat(user).exists();
        assertThat(TempPaths.removeLeftovers(tmp.resolve("missing"))).isZero();
    }

    @Test
    void creatingASiblingSweepsItsFolder() throws Exception {
        Path dead = Files.writeString(tmp.resolve(".x.rerank4j-tmp-999999999-d"), "x");
        TempPaths.sibling(tmp.resolve("y"), TempPaths.Kind.TMP);
        assertThat(dead).doesNotExist();
    }
}
