package dev.rerank4j.cli;

import dev.rerank4j.io.TempPaths;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An output written atomically: into a temporary file beside the target ({@link TempPaths}, so that a later run removes
 * it if this one is killed) that replaces it on {@link #commit()}. Closed
 * without a commit (the command failed), the temporary file is removed and the target is untouched. Without a file,
 * it writes to standard output.
 */
final class AtomicOutput implements Closeable {
    private final Path target;
    private final Path tmp;
    private final Writer writer;
    private boolean committed;

    private AtomicOutput(Path target, Path tmp, Writer writer) {
        this.target = target;
        this.tmp = tmp;
        this.writer = writer;
    }

    /** An output to {@code file}, or to standard output when {@code file} is null. */
    static AtomicOutput open(Path file) throws IOException {
        if (file == null) {
            return new AtomicOutput(
                    null, null, new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        }
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = TempPaths.sibling(target, TempPaths.Kind.TMP);
        return new AtomicOutput(target, tmp, Files.newBufferedWriter(tmp, StandardCharsets.UTF_8));
    }

    Writer writer() {
        return writer;
    }

    /** Finishes the output: flushes it and, for a file, moves it into place. */
    void commit() throws IOException {
        if (target == null) {
            writer.flush();
        } else {
            writer.close();
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (target == null) {
            writer.flush();
            return;
        }
        if (!committed) {
            writer.close();
            Files.deleteIfExists(tmp);
        }
    }
}
