package dev.rerank4j.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stages.json}: per stage, the fingerprint of its inputs, its wall time, a one-line detail, and when it
 * finished. A stage whose recorded fingerprint equals the new one (and whose outputs exist) is reused.
 */
final class StageLedger {
    static final String FILE = "stages.json";

    /**
     * One finished stage.
     *
     * @param fingerprint the fingerprint of its inputs
     * @param seconds the wall time it took when it ran
     * @param detail what it produced
     * @param finishedAt when, ISO-8601
     */
    record Entry(String fingerprint, double seconds, String detail, String finishedAt) {}

    private final Path file;
    private final Map<String, Entry> entries;

    private StageLedger(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    static StageLedger open(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            JsonNode stages = RunFiles.JSON.readTree(file.toFile()).path("stages");
            stages.fields().forEachRemaining(e -> {
                try {
                    entries.put(e.getKey(), RunFiles.JSON.treeToValue(e.getValue(), Entry.class));
                } catch (IOException ex) {
                    // an unreadable entry is a stage to run again
                }
            });
        }
        return new StageLedger(file, entries);
    }

    /** The entry of a stage finished with this fingerprint. */
    Optional<Entry> finished(String stage, String fingerprint) {
        Entry e = entries.get(stage);
        return e != null && e.fingerprint().equals(fingerprint) ? Optional.of(e) : Optional.empty();
    }

    /** Records a finished stage and rewrites the file. */
    void record(String stage, String fingerprint, double seconds, String detail) throws IOException {
        entries.put(stage, new Entry(fingerprint, seconds, detail, Instant.now().toString()));
        RunFiles.writeJson(file, Map.of("stages", entries));
    }
}
