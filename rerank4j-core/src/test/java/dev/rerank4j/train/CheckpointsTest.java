package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    @TempDir
    Path out;

    private Checkpoints checkpoints() throws IOException {
        Checkpoints c = new Checkpoints(out);
        for (long step : new long[] {10, 20, 30, 40, 5}) {
            c.write(step, dir -> {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("step.txt"), Long.toString(step));
            });
        }
        return c;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void listsByStepAndRotatesTheOldest() throws IOException {
        Checkpoints c = checkpoints();
        assertThat(c.list()).extracting(Checkpoints::step).containsExactly(5L, 10L, 20L, 30L, 40L);
        assertThat(c.latest()).contains(out.resolve("checkpoint-40"));
        c.rotate(2);
        assertThat(names()).containsExactly("checkpoint-30", "checkpoint-40");
    }

    @Test
    void rotationNeverDeletesTheBest() throws IOException {
        Checkpoints c = checkpoints();
        c.rotate(2, out.resolve("checkpoint-10"));
        assertThat(names()).containsExactly("checkpoint-10", "checkpoint-40");
    }

    @Test
    void withALimitOfOneTheBestAndTheNewestAreKept() throws IOException {
        Checkpoints c = checkpoints();
        c.rotate(1, out.resolve("checkpoint-20"));
        assertThat(names()).containsExactly("checkpoint-20", "checkpoint-40");
        c.rotate(1, out.resolve("checkpoint-40"));
        assertThat(names()).containsExactly("checkpoint-40");
    }

    @Test
    void aFailedWriteLeavesNothingAndARewriteReplaces() throws IOException {
        Checkpoints c = checkpoints();
        assertThatThrownBy(() -> c.write(50, dir -> {
                    Files.createDirectories(dir);
                    Files.writeString(dir.resolve("half"), "x");
                    throw new IOException("boom");
                }))
                .hasMessage("boom");
        assertThat(names()).doesNotContain("checkpoint-50").noneMatch(n -> n.startsWith("."));
        c.write(40, dir -> {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("step.txt"), "again");
        });
        assertThat(Files.readString(out.resolve("checkpoint-40/step.txt"))).isEqualTo("again");
        Files.createDirectories(out.resolve(".tmp-checkpoint-60-123"));
        Files.createDirectories(out.resolve(".checkpoint-70.rerank4j-tmp-999999999-x"));
        c.removeLeftovers();
        assertThat(names()).noneMatch(n -> n.startsWith("."));
        assertThatThrownBy(() -> Checkpoints.step(out.resolve("final"))).hasMessageContaining("not a checkpoint");
    }
}
