package dev.rerank4j.retrieval;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small BEIR-format folders for tests. */
public final class BeirFolders {
    private BeirFolders() {}

    public static final String CORPUS = """
            {"_id": "d1", "title": "Cats", "text": "cats purr and sleep"}
            {"_id": "d2", "title": "", "text": "dogs bark at cats"}
            {"_id": "d3", "text": "fish swim in water"}
            {"_id": "q2", "title": "Birds", "text": "birds sing at dawn"}
            {"_id": "d5", "title": "Cows", "text": "cows eat grass"}
            """;

    public static final String QUERIES = """
            {"_id": "q1", "text": "why do cats purr"}
            {"_id": "q2", "text": "birds and cats sing at dawn"}
            {"_id": "q3", "text": "an unjudged query"}
            {"_id": "q4", "text": "grass eating animals"}
            """;

    public static final String QRELS = """
            query-id\tcorpus-id\tscore
            q1\td1\t1
            q2\td3\t1
            q2\tq2\t0
            q4\tmissing-doc\t1
            """;

    /** A folder with {@link #CORPUS} (gzipped), {@link #QUERIES} and {@link #QRELS} under {@code dir/name}. */
    public static Path write(Path dir, String name) throws IOException {
        return write(dir, name, CORPUS, QUERIES, QRELS);
    }

    public static Path write(Path dir, String name, String corpus, String queries, String qrels) throws IOException {
        Path folder = dir.resolve(name);
        Files.createDirectories(folder.resolve("qrels"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("corpus.jsonl.gz")))) {
            out.write(corpus.getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(folder.resolve("queries.jsonl"), queries);
        Files.writeString(folder.resolve("qrels").resolve("test.tsv"), qrels);
        return folder;
    }
}
