package dev.rerank4j.mining;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.data.DuckDb;
import dev.rerank4j.io.TempPaths;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes a {@link MinedDataset} as JSON Lines ({@code .jsonl}: one object per row, keys in column order) or Parquet
 * ({@code .parquet}, through DuckDB: strings as {@code VARCHAR}, labels {@code BIGINT}, scores {@code DOUBLE}, lists
 * as lists), the layouts Hugging Face {@code datasets} writes for the same data, all at once ({@link #write}) or block
 * by block as the rows are mined ({@link #open}). The file appears only once complete.
 */
public final class MinedDatasetWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MinedDatasetWriter() {}

    /** A file format, chosen by extension. */
    public enum FileFormat {
        /** JSON Lines: {@code .jsonl}, {@code .json}, {@code .ndjson}. */
        JSONL,
        /** Apache Parquet: {@code .parquet} (needs {@code org.duckdb:duckdb_jdbc}). */
        PARQUET;

        /** The format of {@code file}'s extension. */
        public static FileFormat of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".parquet")) {
                return PARQUET;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
                return JSONL;
            }
            throw new IllegalArgumentException(file + ": unknown output format; use .jsonl or .parquet");
        }
    }

    /** Writes {@code dataset} to {@code file} in the format of its extension, replacing any file there. */
    public static void write(MinedDataset dataset, Path file) throws IOException {
        try (RowFile out = open(file, dataset.format(), dataset.columns(), dataset.outputScores())) {
            out.accept(dataset.rows());
            out.commit();
        }
    }

    /**
     * Opens {@code file} for rows mined with {@code options} (their effective output format, columns named after
     * {@code anchorColumn} and {@code positiveColumn}), to be written as they come: see {@link RowFile}.
     */
    public static RowFile open(Path file, MiningOptions options, String anchorColumn, String positiveColumn)
            throws IOException {
        return open(
                file, options.effectiveFormat(), options.columns(anchorColumn, positiveColumn), options.outputScores());
    }

    /** Opens {@code file} for rows of {@code format} with {@code columns}: see {@link RowFile}. */
    public static RowFile open(Path file, OutputFormat format, List<String> columns, boolean outputScores)
            throws IOException {
        return new RowFile(file, FileFormat.of(file), format, List.copyOf(columns), outputScores);
    }

    /**
     * A mined-data file written block by block, so that no more than one block of rows need be held at once: rows go
     * to a temporary file beside the target as they are {@linkplain #accept accepted}; {@link #commit} completes it
     * (for Parquet, converts it) and moves it onto the target, replacing any file there; {@link #close} without a
     * commit (a failure, an interrupt) deletes the temporary files and leaves the target as it was. The file is
     * byte for byte what {@link #write} writes for the same rows.
     */
    public static final class RowFile implements Consumer<List<MinedRow>>, AutoCloseable {
        private final Path target;
        private final FileFormat fileFormat;
        private final OutputFormat format;
        private final List<String> columns;
        private final boolean outputScores;
        private final Path json;
        private final BufferedWriter out;
        private long rows;
        private boolean closed;

        private RowFile(Path file, FileFormat fileFormat, OutputFormat format, List<String> columns, boolean scores)
                throws IOException {
            this.target = file.toAbsolutePath();
            this.fileFormat = fileFormat;
            this.format = format;
            this.columns = columns;
            this.outputScores = scores;
            Files.createDirectories(target.getParent());
            this.json = fileFormat == FileFormat.JSONL
                    ? TempPaths.sibling(target, TempPaths.Kind.TMP)
                    : TempPaths.sibling(target.resolveSibling(target.getFileName() + ".jsonl"), TempPaths.Kind.TMP);
            this.out = Files.newBufferedWriter(json, StandardCharsets.UTF_8);
        }

        /** Appends {@code block} (rows of this file's format, in order). */
        @Override
        public void accept(List<MinedRow> block) {
            if (closed) {
                throw new IllegalStateException(target + ": the file is already closed");
            }
            try {
                for (MinedRow r : block) {
                    ObjectNode row = JSON.createObjectNode();
                    List<Object> values = r.values(outputScores);
                    for (int c = 0; c < values.size(); c++) {
                        put(row, columns.get(c), values.get(c));
                    }
                    out.write(JSON.writeValueAsString(row));
                    out.write('\n');
                }
                rows += block.size();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write mined rows to " + json + ": " + e.getMessage(), e);
            }
        }

        /** How many rows were accepted. */
        public long rows() {
            return rows;
        }

        /** Completes the file and moves it onto the target. */
        public void commit() throws IOException {
            if (closed) {
                throw new IllegalStateException(target + ": the file is already closed");
            }
            closed = true;
            try {
                out.close();
                if (fileFormat == FileFormat.JSONL) {
                    Files.move(json, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Path parquet = TempPaths.sibling(target, TempPaths.Kind.TMP);
                    try {
                        writeParquet(json, parquet, format, columns, outputScores);
                        Files.move(
                                parquet, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        Files.deleteIfExists(parquet);
                    }
                }
            } finally {
                Files.deleteIfExists(json);
            }
        }

        /** Without a {@link #commit}: deletes what was written and leaves the target as it was. */
        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                try {
                    out.close();
                } finally {
                    Files.deleteIfExists(json);
                }
            }
        }
    }

    private static void put(ObjectNode row, String name, Object v) {
        if (v instanceof String s) {
            row.put(name, s);
        } else if (v instanceof Integer n) {
            row.put(name, n);
        } else if (v instanceof Float f) {
            row.put(name, f);
        } else if (v instanceof List<?> list) {
            ArrayNode a = row.putArray(name);
            for (Object e : list) {
                if (e instanceof String s) {
                    a.add(s);
                } else if (e instanceof Integer n) {
                    a.add(n);
                } else {
                    a.add((Float) e);
                }
            }
        } else {
            throw new IllegalStateException("unexpected cell type " + v.getClass() + " in column " + name);
        }
    }

    private static void writeParquet(
            Path json, Path file, OutputFormat format, List<String> names, boolean outputScores) throws IOException {
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            columns.add(DuckDb.literal(names.get(c)) + ": " + DuckDb.literal(type(format, names, outputScores, c)));
        }
        String sql = "COPY (SELECT * FROM read_json(" + DuckDb.literal(json.toString())
                + ", format = 'newline_delimited', columns = {" + String.join(", ", columns) + "})) TO "
                + DuckDb.literal(file.toString()) + " (FORMAT PARQUET)";
        try (Connection db = DuckDb.open();
                Statement st = db.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IOException("cannot write Parquet file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The DuckDB type of column {@code c}. */
    static String type(OutputFormat format, List<String> columns, boolean outputScores, int c) {
        String name = columns.get(c);
        return switch (format) {
            case TRIPLET, N_TUPLE ->
                name.equals("scores") && c == columns.size() - 1 && outputScores ? "DOUBLE[]" : "VARCHAR";
            case LABELED_PAIR -> c < 2 ? "VARCHAR" : outputScores ? "DOUBLE" : "BIGINT";
            case LABELED_LIST -> c == 0 ? "VARCHAR" : c == 1 ? "VARCHAR[]" : outputScores ? "DOUBLE[]" : "BIGINT[]";
        };
    }
}
