package dev.rerank4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Rows of an Apache Parquet file, streamed through DuckDB's embedded engine ({@code org.duckdb:duckdb_jdbc}): an
 * in-process, in-memory database that reads the file chunk by chunk, whatever its compression (Snappy, ZSTD, gzip).
 * Strings, integers, decimals, booleans and lists of them are supported; the row number is the "line" in messages.
 *
 * <p>Why DuckDB: it is maintained, a single Maven Central jar with its natives, and needs no Hadoop, unlike
 * {@code parquet-hadoop}. The connection comes from {@link DuckDb}, shared with mining's Parquet writer.
 */
final class ParquetRows implements RowStream {
    private final Path file;
    private final Connection connection;
    private final Statement statement;
    private final ResultSet results;
    private final List<String> columns;
    private long rowNumber;

    private ParquetRows(Path file, Connection c, Statement s, ResultSet r, List<String> columns) {
        this.file = file;
        this.connection = c;
        this.statement = s;
        this.results = r;
        this.columns = columns;
    }

    static ParquetRows open(Path file) throws IOException {
        return open(file, List.of());
    }

    /** Reads only {@code names} (all columns when empty), so other columns' types never matter. */
    static ParquetRows open(Path file, List<String> names) throws IOException {
        TextFiles.checkReadable(file);
        Connection c = null;
        Statement s = null;
        try {
            c = DuckDb.open();
            s = c.createStatement();
            String select = names.isEmpty()
                    ? "*"
                    : String.join(", ", names.stream().map(DuckDb::identifier).toList());
            ResultSet r = s.executeQuery("SELECT " + select + " FROM read_parquet("
                    + DuckDb.literal(file.toAbsolutePath().toString()) + ")");
            ResultSetMetaData meta = r.getMetaData();
            List<String> cols = new ArrayList<>(meta.getColumnCount());
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                cols.add(meta.getColumnName(i));
            }
            return new ParquetRows(file, c, s, r, Collections.unmodifiableList(cols));
        } catch (SQLException e) {
            closeQuietly(s, c);
            throw new DataFormatException(file, 0, "cannot be read as Parquet (" + DuckDb.firstLine(e) + ")", e);
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public Optional<Row> next() throws IOException {
        try {
            if (!results.next()) {
                return Optional.empty();
            }
            rowNumber++;
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(results.getObject(i + 1), columns.get(i));
            }
            return Optional.of(new Row(columns, values, file, rowNumber));
        } catch (SQLException e) {
            throw new DataFormatException(
                    file, rowNumber, "cannot read row " + rowNumber + " (" + DuckDb.firstLine(e) + ")", e);
        }
    }

    private Object value(Object v, String column) throws SQLException, DataFormatException {
        if (v instanceof Array a) {
            Object[] items = (Object[]) a.getArray();
            List<Object> list = new ArrayList<>(items.length);
            for (Object item : items) {
                list.add(value(item, column));
            }
            return Collections.unmodifiableList(list);
        }
        if (v instanceof java.math.BigInteger b) {
            return b.longValue();
        }
        try {
            return Row.normalise(v, column);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, rowNumber, e.getMessage(), e);
        }
    }

    private static void closeQuietly(Statement s, Connection c) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (SQLException ignored) {
            // closing after a failure; the first error is the one reported
        }
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // as above
        }
    }

    @Override
    public void close() throws IOException {
        try {
            results.close();
            statement.close();
            connection.close();
        } catch (SQLException e) {
            throw new IOException(file + ": cannot close the Parquet reader (" + DuckDb.firstLine(e) + ")", e);
        }
    }
}
