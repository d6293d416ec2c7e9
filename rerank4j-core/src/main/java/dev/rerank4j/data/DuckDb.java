package dev.rerank4j.data;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * DuckDB's embedded engine ({@code org.duckdb:duckdb_jdbc}), the one way rerank4j reads and writes Apache Parquet: a
 * fresh in-memory database per file, results streamed chunk by chunk, extension auto-loading off (so it never opens a
 * network connection). {@link ParquetRows} reads through it; mining's Parquet writer uses the same connection setup.
 */
public final class DuckDb {
    /** The Maven coordinates to add when the driver is missing. */
    public static final String ARTIFACT = "org.duckdb:duckdb_jdbc:2.0.0.1";

    private DuckDb() {}

    /**
     * A fresh in-memory database.
     *
     * @throws IllegalStateException naming the Maven dependency when DuckDB's driver is not on the classpath
     */
    public static Connection open() throws SQLException {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Parquet files need DuckDB's JDBC driver on the classpath: add the Maven"
                    + " dependency " + ARTIFACT + " (the rerank4j CLI includes it), or use .jsonl");
        }
        Properties props = new Properties();
        props.setProperty("jdbc_stream_results", "true");
        props.setProperty("autoinstall_known_extensions", "false");
        props.setProperty("autoload_known_extensions", "false");
        return DriverManager.getConnection("jdbc:duckdb:", props);
    }

    /** {@code s} as an SQL string literal. */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** {@code s} as an SQL identifier. */
    public static String identifier(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /**
     * DuckDB's problem in our words: the first line of its message (the rest is its SQL and internal context), without
     * its error class ({@code "Invalid Input Error: "}); a file without Parquet's footer is said to be one.
     */
    static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        String line = (nl < 0 ? m : m.substring(0, nl)).replaceFirst("^(?:[A-Za-z ]+ )?Error: ", "");
        if (line.contains("No magic bytes found") || line.contains("too small to be a Parquet file")) {
            return "not a Parquet file: no Parquet footer (truncated, or another format): write it again";
        }
        return line;
    }
}
