package dev.rerank4j.hub;

import dev.rerank4j.PairScorer;
import dev.rerank4j.TextPair;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny NanoBEIR laid out as {@code sentence-transformers/NanoBEIR-en} (subsets corpus/queries/qrels/bm25, splits
 * NanoMSMARCO with 2 queries and NanoNQ with 1, files {@code {subset}/Nano{Name}-00000-of-00001.parquet} written by
 * DuckDB, a README {@code configs} block), and a lookup-table model scoring its pairs.
 */
final class NanoBeirFixture {
    /** Parquet files already written, by their query: each test lays out the same files, written once per JVM. */
    private static final Map<String, byte[]> WRITTEN = new java.util.concurrent.ConcurrentHashMap<>();

    private NanoBeirFixture() {}

    /** The v5.2+ layout with NanoMSMARCO (2 queries) and NanoNQ (1 query). */
    static FakeRepo nanoBeirEn(URI cdn, Path work) throws Exception {
        FakeRepo repo = new FakeRepo("sentence-transformers/NanoBEIR-en", cdn).asDataset();
        StringBuilder readme = new StringBuilder("---\nconfigs:\n");
        for (String subset : List.of("corpus", "queries", "qrels", "bm25")) {
            readme.append("- config_name: ").append(subset).append("\n  data_files:\n");
            for (String split : List.of("NanoMSMARCO", "NanoNQ")) {
                readme.append("  - split: ")
                        .append(split)
                        .append("\n    path: ")
                        .append(subset)
                        .append('/')
                        .append(split)
                        .append("-*\n");
            }
        }
        readme.append("---\n# NanoBEIR (test copy)\n");
        repo.add("README.md", readme.toString(), false);
        repo.add("corpus/NanoMSMARCO-00000-of-00001.parquet", texts(work, "c1", MSMARCO_CORPUS), true);
        repo.add(
                "queries/NanoMSMARCO-00000-of-00001.parquet",
                texts(work, "q1", "('q1', 'what is a cat'), ('q2', 'fastest car')"),
                true);
        repo.add(
                "qrels/NanoMSMARCO-00000-of-00001.parquet",
                parquet(
                        work,
                        "r1",
                        "SELECT * FROM (VALUES ('q1', 'd1', 1),"
                                + " ('q2', 'd2', 1)) t(\"query-id\", \"corpus-id\", score)"),
                true);
        repo.add(
                "bm25/NanoMSMARCO-00000-of-00001.parquet",
                parquet(
                        work,
                        "b1",
                        "SELECT * FROM (VALUES"
                                + " ('q1', ['d3', 'd1', 'd2']), ('q2', ['d4', 'd3'])) t(\"query-id\", \"corpus-ids\")"),
                true);
        repo.add("corpus/NanoNQ-00000-of-00001.parquet", texts(work, "c2", NQ_CORPUS), true);
        repo.add("queries/NanoNQ-00000-of-00001.parquet", texts(work, "q2", "('q3', 'capital of france')"), true);
        repo.add(
                "qrels/NanoNQ-00000-of-00001.parquet",
                parquet(
                        work,
                        "r2",
                        "SELECT * FROM (VALUES ('q3', 'd5', 1))" + " t(\"query-id\", \"corpus-id\", score)"),
                true);
        repo.add(
                "bm25/NanoNQ-00000-of-00001.parquet",
                parquet(
                        work,
                        "b2",
                        "SELECT * FROM (VALUES" + " ('q3', ['d6', 'd5', 'd7'])) t(\"query-id\", \"corpus-ids\")"),
                true);
        return repo;
    }

    static final String MSMARCO_CORPUS =
            "('d1', 'cats are small felines'), ('d2', 'the bugatti is fast'), ('d3', 'dogs bark'),"
                    + " ('d4', 'car engines')";
    static final String NQ_CORPUS =
            "('d5', 'paris is the capital of france'), ('d6', 'france is in europe'), ('d7', 'berlin')";

    /** The model: a lookup table of scores. */
    static PairScorer scorer() {
        Map<TextPair, Float> s = new HashMap<>();
        s.put(new TextPair("what is a cat", "cats are small felines"), 0.9f);
        s.put(new TextPair("what is a cat", "the bugatti is fast"), 0.2f);
        s.put(new TextPair("what is a cat", "dogs bark"), 0.5f);
        s.put(new TextPair("fastest car", "the bugatti is fast"), 0.3f);
        s.put(new TextPair("fastest car", "car engines"), 0.8f);
        s.put(new TextPair("fastest car", "dogs bark"), 0.1f);
        s.put(new TextPair("capital of france", "paris is the capital of france"), 0.7f);
        s.put(new TextPair("capital of france", "france is in europe"), 0.6f);
        s.put(new TextPair("capital of france", "berlin"), 0.1f);
        return pairs -> {
            float[][] out = new float[pairs.size()][];
            for (int i = 0; i < out.length; i++) {
                Float v = s.get(pairs.get(i));
                if (v == null) {
                    throw new IllegalArgumentException("no score for " + pairs.get(i));
                }
                out[i] = new float[] {v};
            }
            return out;
        };
    }

    static byte[] texts(Path work, String name, String values) throws Exception {
        return parquet(work, name, "SELECT * FROM (VALUES " + values + ") t(_id, text)");
    }

    static byte[] parquet(Path work, String name, String select) throws Exception {
        byte[] known = WRITTEN.get(select);
        if (known != null) {
            return known;
        }
        Path f = work.resolve(name + ".parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + f + "' (FORMAT PARQUET)");
        }
        byte[] bytes = Files.readAllBytes(f);
        WRITTEN.put(select, bytes);
        return bytes;
    }
}
