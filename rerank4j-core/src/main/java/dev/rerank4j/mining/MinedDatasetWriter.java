package dev.rerank4j.mining;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.data.DuckDb;
import dev.rerank4j.io.TempPaths;
import java.io.BufferedWriter;
import java.io.IOException;
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

/**
 * Writes a {@link MinedDataset} as JSON Lines ({@code .jsonl}: one object per row, keys in column order) or Parquet
 * ({@code .parquet}, through DuckDB: strings as {@code VARCHAR}, labels {@code BIGINT}, scores {@code DOUBLE}, lists
 * as lists), the layouts Hugging Face {@code datasets} writes for the same data. The file appears only once complete.
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
        FileFormat format = FileFormat.of(file);
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = TempPaths.sibling(target, TempPaths.Kind.TMP);
        try {
            if (format == FileFormat.JSONL) {
                writeJsonl(dataset, tmp);
            } else {
                writeParquet(dataset, tmp);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void writeJsonl(MinedDataset dataset, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < dataset.rows().size(); i++) {
                ObjectNode row = JSON.createObjectNode();
                List<Object> values = dataset.values(i);
                for (int c = 0; c < values.size(); c++) {
                    put(row, dataset.columns().get(c), values.get(c));
                }
                out.write(JSON.writeValueAsString(row));
                out.write('\n');
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

    private static void writeParquet(MinedDataset dataset, Path file) throws IOException {
        Path json = TempPaths.sibling(file.resolveSibling(file.getFileName() + ".jsonl"), TempPaths.Kind.TMP);
        try {
            writeJsonl(dataset, json);
            List<String> columns = new ArrayList<>();
            for (int c = 0; c < dataset.columns().size(); c++) {
                columns.add(DuckDb.literal(dataset.columns().get(c)) + ": " + DuckDb.literal(type(dataset, c)));
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
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /** The DuckDB type of column {@code c}. */
    static String type(MinedDataset d, int c) {
        String name = d.columns().get(c);
        return switch (d.format()) {
            case TRIPLET, N_TUPLE ->
                name.equals("scores") && c == d.columns().size() - 1 && d.outputScores() ? "DOUBLE[]" : "VARCHAR";
            case LABELED_PAIR -> c < 2 ? "VARCHAR" : d.outputScores() ? "DOUBLE" : "BIGINT";
            case LABELED_LIST -> c == 0 ? "VARCHAR" : c == 1 ? "VARCHAR[]" : d.outputScores() ? "DOUBLE[]" : "BIGINT[]";
        };
    }
}
