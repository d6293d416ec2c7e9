package dev.rerank4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsGzipAndStripsCarriageReturns() throws IOException {
        Path file = dir.resolve("lines.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("one\r\ntwo\n\nthree".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        List<String> seen = new ArrayList<>();
        TextFiles.forEachLine(file, (line, number) -> seen.add(number + ":" + line));
        assertThat(seen).containsExactly("1:one", "2:two", "3:", "4:three");
        assertThat(TextFiles.plainOrGzip(dir, "lines.txt")).isEqualTo(file);
    }

    @Test
    void invalidUtf8AndNonGzipAreReportedWithTheFile() throws IOException {
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[] {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThatThrownBy(() -> TextFiles.forEachLine(bad, (line, number) -> {}))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("bad.txt:2: not valid UTF-8");
        Path fake = dir.resolve("fake.gz");
        Files.writeString(fake, "plain text");
        assertThatThrownBy(() -> TextFiles.forEachLine(fake, (line, number) -> {}))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("fake.gz: not a gzip file");
        assertThatThrownBy(() -> TextFiles.plainOrGzip(dir, "absent.jsonl"))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("absent.jsonl: missing (neither absent.jsonl nor absent.jsonl.gz is in");
    }
}
