package dev.rerank4j.data;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Rows read one at a time from a file, without loading it whole. Close it (try-with-resources) to release the file.
 *
 * <pre>{@code
 * try (RowStream rows = DatasetFiles.stream(Path.of("huge.jsonl"), ReadOptions.defaults())) {
 *     for (Optional<Row> r = rows.next(); r.isPresent(); r = rows.next()) { ... }
 * }
 * }</pre>
 */
public interface RowStream extends AutoCloseable {
    /** The column names (of the header, the first JSON object, or the Parquet schema). */
    List<String> columns();

    /**
     * The next row, or empty at the end.
     *
     * @throws DataFormatException naming file and line for a malformed row
     */
    Optional<Row> next() throws IOException;

    @Override
    void close() throws IOException;
}
