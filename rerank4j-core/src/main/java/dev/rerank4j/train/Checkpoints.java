package dev.rerank4j.train;

import dev.rerank4j.io.TempPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code checkpoint-N} directories of an output directory: written atomically, found, rotated.
 *
 * <p>A checkpoint is written completely into a hidden temporary directory beside its final place and then renamed
 * into place, one atomic step: whenever the process dies (even by {@code kill -9}), {@code checkpoint-N} is either
 * absent or complete, and the previous checkpoints are untouched. Leftover temporary directories are removed at the
 * next start.
 */
final class Checkpoints {
    static final String PREFIX = "checkpoint-";
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d+)");
    private static final String TMP = ".tmp-";
    /** The temporary and moved-aside model folders of earlier versions' model saver. */
    private static final Pattern LEGACY_SAVER_TEMP = Pattern.compile("^\\..+\\.(tmp|old)-\\d+$");

    /** Writes a checkpoint's files into a directory that does not exist yet. */
    @FunctionalInterface
    interface Contents {
        void writeInto(Path dir) throws IOException;
    }

    private final Path outputDir;

    Checkpoints(Path outputDir) {
        this.outputDir = outputDir;
    }

    /** Writes {@code checkpoint-step} atomically (replacing one of the same step) and returns it. */
    Path write(long step, Contents contents) throws IOException {
        Files.createDirectories(outputDir);
        Path target = outputDir.resolve(PREFIX + step);
        Path tmp = TempPaths.sibling(target, TempPaths.Kind.TMP);
        try {
            contents.writeInto(tmp);
            if (Files.exists(target)) {
                Path old = TempPaths.sibling(target, TempPaths.Kind.OLD);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException | RuntimeException e) {
            deleteRecursively(tmp);
            throw e;
        }
    }

    /**
     * Removes the temporary directories a killed run left behind: those of {@link TempPaths} whose writer is gone
     * (checkpoints, {@code final/}, {@code best/}, metrics and plot), and the names earlier versions used
     * ({@code .tmp-*}, {@code .final.tmp-*}, {@code .final.old-*}).
     */
    void removeLeftovers() throws IOException {
        if (!Files.isDirectory(outputDir)) {
            return;
        }
        TempPaths.removeLeftovers(outputDir);
        try (Stream<Path> entries = Files.list(outputDir)) {
            for (Path p : entries.filter(p -> LEGACY_SAVER_TEMP
                            .matcher(p.getFileName().toString())
                            .matches())
                    .toList()) {
                deleteRecursively(p);
            }
        }
        try (Stream<Path> entries = Files.list(outputDir)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(TMP))
                    .toList()) {
                deleteRecursively(p);
            }
        }
        // ModelSaver's own temporary directories of an interrupted checkpoint
        try (Stream<Path> entries = Files.list(outputDir)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().startsWith("." + TMP))
                    .toList()) {
                deleteRecursively(p);
            }
        }
    }

    /** The checkpoints, oldest step first. */
    List<Path> list() throws IOException {
        if (!Files.isDirectory(outputDir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(outputDir)) {
            return entries.filter(Files::isDirectory)
                    .filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(Checkpoints::step))
                    .toList();
        }
    }

    /** The newest checkpoint, if any. */
    Optional<Path> latest() throws IOException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The step a checkpoint directory was written at. */
    static long step(Path checkpoint) {
        Matcher m = NAME.matcher(checkpoint.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(checkpoint + " is not a checkpoint directory (checkpoint-N)");
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * Deletes the oldest checkpoints beyond {@code limit}, as transformers' {@code _rotate_checkpoints}: the best
     * checkpoint is moved next to the newest before counting, so it is never deleted (with a limit of 1, two are kept
     * while the best is not the newest).
     *
     * @param best the best checkpoint so far
     * @return the deleted directories
     */
    List<Path> rotate(int limit, Path best) throws IOException {
        return rotateKeeping(limit, java.util.Objects.requireNonNull(best, "best"));
    }

    /** Deletes the oldest checkpoints beyond {@code limit} when no checkpoint is the best one. */
    List<Path> rotate(int limit) throws IOException {
        return rotateKeeping(limit, null);
    }

    /** {@code best} is null when no checkpoint is the best one. */
    private List<Path> rotateKeeping(int limit, Path best) throws IOException {
        List<Path> sorted = new ArrayList<>(list());
        if (limit <= 0 || sorted.size() <= limit) {
            return List.of();
        }
        Optional<Path> bestHere = Optional.ofNullable(best)
                .map(b -> outputDir.resolve(b.getFileName()))
                .filter(sorted::contains);
        if (bestHere.isPresent()) {
            int i = sorted.indexOf(bestHere.get());
            for (; i < sorted.size() - 2; i++) {
                Path t = sorted.get(i);
                sorted.set(i, sorted.get(i + 1));
                sorted.set(i + 1, t);
            }
        }
        int keep = limit == 1
                        && bestHere.isPresent()
                        && !sorted.get(sorted.size() - 1).equals(bestHere.get())
                ? 2
                : limit;
        List<Path> deleted = new ArrayList<>();
        for (Path p : sorted.subList(0, Math.max(0, sorted.size() - keep))) {
            // Renamed first, so a kill during the deletion leaves no half-deleted checkpoint-N behind.
            Path doomed = TempPaths.sibling(p, TempPaths.Kind.GONE);
            Files.move(p, doomed, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(doomed);
            deleted.add(p);
        }
        return deleted;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
