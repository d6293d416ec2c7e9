package dev.rerank4j.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * JSON Lines as JSON objects, one per non-blank line, for readers that look at each object's own fields (its keys may
 * differ from line to line, unlike the rows of {@link DatasetFiles}). A line that is not valid JSON, or not an object,
 * fails with {@code file:line: not valid JSON (...)} or {@code file:line: expected a JSON object, got ARRAY}.
 */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {}

    /** Receives one object and its 1-based line number; may throw {@link DataFormatException}. */
    @FunctionalInterface
    public interface ObjectHandler {
        void accept(JsonNode object, long lineNumber) throws IOException;
    }

    /** Calls {@code handler} for the object of every non-blank line, in order (plain or gzipped files). */
    public static void forEachObject(Path file, ObjectHandler handler) throws IOException {
        TextFiles.forEachLine(file, (line, n) -> {
            if (!line.isBlank()) {
                handler.accept(object(file, n, line), n);
            }
        });
    }

    private static JsonNode object(Path file, long n, String line) throws DataFormatException {
        JsonNode row;
        try {
            row = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, n, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (!row.isObject()) {
            throw new DataFormatException(file, n, "expected a JSON object, got " + row.getNodeType());
        }
        return row;
    }
}
