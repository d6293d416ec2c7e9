package dev.rerank4j.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.data.JsonLines;
import dev.rerank4j.data.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a BEIR-format folder: {@code corpus.jsonl[.gz]} ({@code {"_id", "title"?, "text"}} per line),
 * {@code queries.jsonl[.gz]} ({@code {"_id", "text"}}) and {@code qrels/<split>.tsv} ({@code query-id \t corpus-id
 * \t score}, with or without the header line). Only the queries that appear in the qrels are kept, as BEIR's
 * {@code GenericDataLoader} does. Judgments naming a document missing from the corpus are skipped and counted.
 */
public final class BeirReader {
    private BeirReader() {}

    /** Reads {@code dir} with the qrels of {@code split} (e.g. {@code "test"}). */
    public static RetrievalDataset read(Path dir, String split) throws IOException {
        Path qrelsFile = dir.resolve("qrels").resolve(split + ".tsv");
        if (!Files.isRegularFile(qrelsFile)) {
            throw new DataFormatException(
                    qrelsFile,
                    0,
                    "missing: a BEIR folder needs corpus.jsonl, queries.jsonl and qrels/" + split
                            + ".tsv (query-id, corpus-id, score) with the judgments of the \"" + split + "\" split");
        }
        List<CorpusDocument> corpus = readCorpus(TextFiles.plainOrGzip(dir, "corpus.jsonl"));
        Map<String, RetrievalQuery> allQueries = readQueries(TextFiles.plainOrGzip(dir, "queries.jsonl"));
        Set<String> docIds = new HashSet<>();
        corpus.forEach(d -> docIds.add(d.id()));
        QrelsBuilder qrels = new QrelsBuilder(qrelsFile, allQueries.keySet(), docIds);
        TextFiles.forEachLine(qrelsFile, (line, number) -> {
            if (line.isBlank() || (number == 1 && line.startsWith("query-id"))) {
                return;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 3) {
                throw new DataFormatException(
                        qrelsFile,
                        number,
                        "expected 3 tab-separated fields (query-id, corpus-id, score), got " + fields.length);
            }
            qrels.add(fields[0], fields[1], fields[2], number);
        });
        Qrels judged = qrels.build();
        List<RetrievalQuery> queries = new ArrayList<>();
        for (RetrievalQuery query : allQueries.values()) {
            if (judged.judgments().containsKey(query.id())) {
                queries.add(query);
            }
        }
        return new RetrievalDataset(name(dir), corpus, queries, judged, qrels.skipped());
    }

    static String name(Path dir) {
        Path fileName = dir.toAbsolutePath().normalize().getFileName();
        return fileName == null ? dir.toString() : fileName.toString();
    }

    private static List<CorpusDocument> readCorpus(Path file) throws IOException {
        List<CorpusDocument> docs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        JsonLines.forEachObject(file, (node, number) -> {
            String id = requiredText(file, number, node, "_id");
            if (!seen.add(id)) {
                throw new DataFormatException(file, number, "duplicate _id \"" + id + "\"");
            }
            String title = optionalText(file, number, node, "title");
            docs.add(new CorpusDocument(id, title, requiredText(file, number, node, "text")));
        });
        if (docs.isEmpty()) {
            throw new DataFormatException(file, 0, "no documents");
        }
        return docs;
    }

    private static Map<String, RetrievalQuery> readQueries(Path file) throws IOException {
        Map<String, RetrievalQuery> queries = new LinkedHashMap<>();
        JsonLines.forEachObject(file, (node, number) -> {
            String id = requiredText(file, number, node, "_id");
            if (queries.put(id, new RetrievalQuery(id, requiredText(file, number, node, "text"))) != null) {
                throw new DataFormatException(file, number, "duplicate _id \"" + id + "\"");
            }
        });
        return queries;
    }

    /** A string field (numbers are accepted and written as text, since BEIR ids are sometimes numeric). */
    static String requiredText(Path file, long number, JsonNode node, String field) throws DataFormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new DataFormatException(file, number, "missing field \"" + field + "\"");
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw new DataFormatException(
                    file, number, "field \"" + field + "\" must be a string, got " + value.getNodeType());
        }
        String text = value.asText();
        if (field.equals("_id") && text.isEmpty()) {
            throw new DataFormatException(file, number, "field \"_id\" must not be empty");
        }
        return text;
    }

    private static String optionalText(Path file, long number, JsonNode node, String field) throws DataFormatException {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : requiredText(file, number, node, field);
    }
}
