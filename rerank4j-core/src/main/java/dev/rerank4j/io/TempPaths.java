package dev.rerank4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one naming scheme of every temporary file or folder rerank4j writes beside its target before moving it into
 * place ({@code .scores.jsonl.rerank4j-tmp-4711-k3j9x}, {@code .final.rerank4j-old-4711-0a1b2}), and the sweep that
 * removes the ones a killed run ({@code kill -9}, a power cut) left behind.
 *
 * <p>A name carries the id of the process that wrote it, so a later run removes exactly the leftovers of processes
 * that are gone and never the files a running writer still owns (a reused process id only delays a removal). Every
 * {@link #sibling} call sweeps its folder first, so a folder written again is cleaned without anyone asking.
 */
public final class TempPaths {
    private static final String MARK = ".rerank4j-";
    private static final Pattern NAME = Pattern.compile("^\\..+\\.rerank4j-(tmp|old|gone)-(\\d+)-[0-9a-z]+$");
    private static final long PID = ProcessHandle.current().pid();

    private TempPaths() {}

    /** What a temporary path is for. */
    public enum Kind {
        /** Being written; moved onto the target once complete. */
        TMP,
        /** The previous target, moved aside while the new one moves in; deleted next. */
        OLD,
        /** A target being deleted (renamed first, so that no half-deleted target is ever seen under its name). */
        GONE;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A fresh temporary name beside {@code target} (same folder, so the final move is atomic), after sweeping that
     * folder of the leftovers of dead processes. Nothing is created.
     */
    public static Path sibling(Path target, Kind kind) {
        Path absolute = target.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        removeLeftovers(dir);
        return dir.resolve("." + absolute.getFileName() + MARK + kind.tag() + "-" + PID + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36));
    }

    /**
     * Writes {@code content} to {@code file} whole or not at all: to a {@link Kind#TMP} sibling, then an atomic move
     * onto the target (replacing it); the parent folders are created. On failure the target is left as it was.
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = sibling(target, Kind.TMP);
        try {
            Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Whether {@code path} is named as a temporary path of this scheme (of any process). */
    public static boolean isTemporary(Path path) {
        return path.getFileName() != null
                && NAME.matcher(path.getFileName().toString()).matches();
    }

    /**
     * Removes (recursively) the temporary paths in {@code dir} whose writing process is no longer running; a missing
     * folder has none. Failures to delete are ignored: a leftover harms no reader and the next sweep tries again.
     *
     * @return how many were removed
     */
    public static int removeLeftovers(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && !alive(Long.parseLong(m.group(2))) && deleteQuietly(p)) {
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // An unreadable folder: the writer that follows reports the real problem.
        }
        return removed;
    }

    private static boolean alive(long pid) {
        return pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Deletes a file or folder tree; whether it is gone afterwards. */
    public static boolean deleteQuietly(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
