package dev.rerank4j.cli;

import dev.rerank4j.Rerank4jException;
import dev.rerank4j.Rerank4jException.Fault;
import dev.rerank4j.io.TempPaths;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks every place a command will write <em>before</em> it does any work, so that a bad {@code --output} fails in a
 * second with exit code 2 and the reason, not after an hour of scoring with a temporary file's name. A missing parent
 * folder is fine (the writers create it); a parent that is a file, a folder that cannot be written (tried with a probe
 * file, which also catches read-only and virtual file systems), an output that exists as the wrong kind, or an output
 * that is one of the command's inputs are refused.
 */
final class OutputPaths {
    private OutputPaths() {}

    /** {@code path}, given with {@code option}, can be written as a file (replacing an existing file). */
    static void file(String option, Path path) {
        if (Files.isDirectory(path)) {
            throw refused(option, path, "is a directory; give a file name (e.g. one inside it)");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw refused(option, path, "exists and is not a regular file; give another file name");
        }
        if (Files.isRegularFile(path) && !Files.isWritable(path)) {
            throw refused(option, path, "exists and cannot be replaced (permission denied)");
        }
        writableFolder(option, path, path.toAbsolutePath().normalize().getParent());
    }

    /** {@code path}, given with {@code option}, can be used (or created) as a folder to write into. */
    static void directory(String option, Path path) {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw refused(option, path, "is a file, not a folder; give a folder (it is created when missing)");
        }
        writableFolder(option, path, path.toAbsolutePath().normalize());
    }

    /** Refuses an output that is the same file as an input: writing it would destroy the input. */
    static void notAnInput(String outputOption, Path output, String inputOption, Path input) {
        if (output == null || input == null) {
            return;
        }
        boolean same;
        try {
            same = Files.exists(output) && Files.exists(input)
                    ? Files.isSameFile(output, input)
                    : output.toAbsolutePath()
                            .normalize()
                            .equals(input.toAbsolutePath().normalize());
        } catch (IOException e) {
            same = false;
        }
        if (same) {
            throw refused(
                    outputOption,
                    output,
                    "is also the " + inputOption + " file; writing it would overwrite"
                            + " the input: give another output file");
        }
    }

    /** The nearest existing folder at or above {@code dir} is a folder that this process can create files in. */
    private static void writableFolder(String option, Path given, Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw refused(option, given, "no existing folder above it");
        }
        if (!Files.isDirectory(existing)) {
            throw refused(option, given, existing + " is a file, not a folder; give a path in a folder");
        }
        try {
            Path probe = Files.createFile(TempPaths.sibling(existing.resolve("write-probe"), TempPaths.Kind.TMP));
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw refused(option, given, "cannot create files in " + existing + " (" + reason(e) + ")");
        }
    }

    /** The operating system's reason, without the path it repeats. */
    static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : "the file system accepts no new file there";
        }
        if (e instanceof java.nio.file.ReadOnlyFileSystemException) {
            return "read-only file system";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Rerank4jException refused(String option, Path path, String why) {
        return new Rerank4jException(Fault.BAD_INPUT, option + " " + path + ": " + why);
    }
}
