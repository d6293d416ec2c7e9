package dev.rerank4j.mining;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * DuckDB (an optional dependency, {@code org.duckdb:duckdb_jdbc}) as the Parquet reader and writer: an in-memory
 * database per call.
 */
final class DuckDb {
    static final String ARTIFACT = "org.duckdb:duckdb_jdbc:2.0.0.1";

    private DuckDb() {}

    /** A fresh in-memory database. */
    static Connection open() throws SQLException {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Parquet files need DuckDB's JDBC driver on the classpath: add the Maven"
                    + " dependency " + ARTIFACT + " (the rerank4j CLI includes it), or use .jsonl");
        }
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    /** {@code s} as an SQL string literal. */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** {@code s} as an SQL identifier. */
    static String identifier(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
