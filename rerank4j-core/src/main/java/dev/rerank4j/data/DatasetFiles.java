package dev.rerank4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads datasets from files: JSON Lines, JSON arrays, CSV, TSV (each optionally gzipped) and Parquet. The format comes
 * from the file name unless {@link ReadOptions#format()} names it. Every malformed row fails with a
 * {@link DataFormatException} naming the file and line.
 */
public final class DatasetFiles {
    private DatasetFiles() {}

    /** Reads a whole file with the default options (format by name, CSV/TSV header line). */
    public static Dataset read(Path file) throws IOException {
        return read(file, ReadOptions.defaults());
    }

    /** Reads a whole file into memory. */
    public static Dataset read(Path file, ReadOptions options) throws IOException {
        try (RowStream stream = stream(file, options)) {
            List<Row> rows = new ArrayList<>();
            for (Optional<Row> r = stream.next(); r.isPresent(); r = stream.next()) {
                rows.add(r.get());
            }
            return Dataset.of(file.getFileName().toString(), stream.columns(), rows);
        }
    }

    /** Reads several files with the same columns into one dataset, in order (e.g. Parquet shards). */
    public static Dataset read(String name, List<Path> files, ReadOptions options) throws IOException {
        List<Dataset> parts = new ArrayList<>();
        for (Path f : files) {
            Dataset d = read(f, options);
            if (!parts.isEmpty() && !d.columns().equals(parts.get(0).columns())) {
                throw new DataFormatException(
                        f,
                        0,
                        "columns " + d.columns() + " differ from those of " + files.get(0) + " "
                                + parts.get(0).columns());
            }
            parts.add(d);
        }
        return Dataset.concatenate(name, parts);
    }

    /** Opens a file for row-by-row reading, without loading it whole. */
    public static RowStream stream(Path file, ReadOptions options) throws IOException {
        TextFiles.checkReadable(file);
        DatasetFormat format = options.format() == DatasetFormat.AUTO ? DatasetFormat.of(file) : options.format();
        return switch (format) {
            case JSONL -> JsonRows.open(file, false);
            case JSON -> JsonRows.open(file, true);
            case CSV -> DelimitedRows.open(file, true, options);
            case TSV -> DelimitedRows.open(file, false, options);
            case PARQUET -> ParquetRows.open(file);
            case AUTO -> throw new IllegalStateException("AUTO is resolved above");
        };
    }

    /**
     * Opens a Parquet file for row-by-row reading of the named columns only (all when empty); the others may hold
     * any type.
     */
    public static RowStream streamParquet(Path file, List<String> columns) throws IOException {
        return ParquetRows.open(file, columns);
    }
}
