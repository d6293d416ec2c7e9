package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.progress.ConsoleProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleDownloadListenerTest {
    @Test
    void drawsABarForLargeFilesOnly() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        DownloadListener listener = DownloadListener.reportingTo(new ConsoleProgressListener(out, false), 1000);

        listener.started("small.json", 999);
        listener.progress(999);
        listener.finished();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();

        listener.started("model.safetensors", 4L << 20);
        listener.progress(2L << 20);
        listener.progress(4L << 20);
        listener.finished();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("model.safetensors", "100%", "4/4");
    }
}
