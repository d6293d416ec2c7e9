package dev.rerank4j.retrieval;

import dev.rerank4j.hub.CacheHome;
import dev.rerank4j.io.TempPaths;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where first-stage runs are kept between evaluations: one {@code <fingerprint>.run.tsv} file per (corpus, queries,
 * analyzer, settings), holding {@code query-id \t doc-id \t score} lines in rank order. Files are written to a
 * temporary name and moved into place, so concurrent evaluations never read half a file; an unreadable or
 * mismatching file is treated as a miss and rewritten.
 */
public final class FirstStageCache {
    private static final Logger LOG = LoggerFactory.getLogger(FirstStageCache.class);
    private static final String MAGIC = "# rerank4j first-stage run v1";

    private final Path dir;

    private FirstStageCache(Path dir) {
        this.dir = dir;
    }

    /** A cache that never stores anything. */
    public static FirstStageCache disabled() {
        return new FirstStageCache(null);
    }

    /** A cache in {@code dir} (created on first store). */
    public static FirstStageCache in(Path dir) {
        return new FirstStageCache(dir.toAbsolutePath());
    }

    /** The per-user cache: {@code first-stage} under {@link CacheHome#rerank4j()}. */
    public static FirstStageCache userDefault() {
        return in(CacheHome.rerank4j().resolve("first-stage"));
    }

    /** The cache folder, empty when disabled. */
    public Optional<Path> directory() {
        return Optional.ofNullable(dir);
    }

    Optional<FirstStageRun> load(String fingerprint) {
        if (dir == null) {
            return Optional.empty();
        }
        Path file = file(fingerprint);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (!MAGIC.equals(in.readLine()) || !("# fingerprint " + fingerprint).equals(in.readLine())) {
                LOG.warn("ignoring first-stage cache file {}: unexpected header", file);
                return Optional.empty();
            }
            String dropped = in.readLine();
            if (dropped == null || !dropped.startsWith("# self-matches-dropped ")) {
                LOG.warn("ignoring first-stage cache file {}: unexpected header", file);
                return Optional.empty();
            }
            Map<String, List<Hit>> hits = new LinkedHashMap<>();
            String line;
            while ((line = in.readLine()) != null) {
                String[] fields = line.split("\t", -1);
                if (fields.length == 1 && line.startsWith("# end")) {
                    int count = Integer.parseInt(dropped.substring("# self-matches-dropped ".length()));
                    return Optional.of(new FirstStageRun(fingerprint, hits, count));
                }
                if (fields.length != 3) {
                    break;
                }
                hits.computeIfAbsent(fields[0], q -> new ArrayList<>())
                        .add(new Hit(fields[1], Float.parseFloat(fields[2])));
            }
            LOG.warn("ignoring first-stage cache file {}: truncated or malformed", file);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring first-stage cache file {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    void store(FirstStageRun run) {
        if (dir == null) {
            return;
        }
        for (Map.Entry<String, List<Hit>> entry : run.hits().entrySet()) {
            if (!safe(entry.getKey()) || !entry.getValue().stream().allMatch(h -> safe(h.docId()))) {
                LOG.warn("not caching the first-stage run: an id contains a tab or line break");
                return;
            }
        }
        Path file = file(run.fingerprint());
        try {
            Files.createDirectories(dir);
            Path tmp = TempPaths.sibling(file, TempPaths.Kind.TMP);
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write(MAGIC + "\n# fingerprint " + run.fingerprint() + "\n# self-matches-dropped "
                        + run.selfMatchesDropped() + "\n");
                for (Map.Entry<String, List<Hit>> entry : run.hits().entrySet()) {
                    for (Hit hit : entry.getValue()) {
                        out.write(entry.getKey() + "\t" + hit.docId() + "\t" + hit.score() + "\n");
                    }
                }
                out.write("# end\n");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing first-stage cache file " + file + " failed", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FirstStageCache cache && Objects.equals(dir, cache.dir);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(dir);
    }

    @Override
    public String toString() {
        return dir == null ? "FirstStageCache[disabled]" : "FirstStageCache[" + dir + "]";
    }

    Path file(String fingerprint) {
        return dir.resolve(fingerprint + ".run.tsv");
    }

    private static boolean safe(String id) {
        return id.indexOf('\t') < 0 && id.indexOf('\n') < 0 && id.indexOf('\r') < 0 && !id.startsWith("#");
    }
}
