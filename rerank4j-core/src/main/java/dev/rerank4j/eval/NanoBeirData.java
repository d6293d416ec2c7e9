package dev.rerank4j.eval;

import dev.rerank4j.data.Dataset;
import dev.rerank4j.data.HubDatasetRef;
import dev.rerank4j.data.HubDatasets;
import dev.rerank4j.data.Row;
import dev.rerank4j.hub.HubClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one NanoBEIR dataset from the hub into reranking queries, as {@code CrossEncoderNanoBEIREvaluator._load_dataset}
 * does: the query text, the texts of its judged documents as positives, and the texts of its BM25 ranking cut at
 * {@code rerank_k} as documents.
 *
 * <p>v5.2+ layout ({@code sentence-transformers/NanoBEIR-en}): subsets {@code corpus} and {@code queries}
 * ({@code _id}, {@code text}), {@code qrels} ({@code query-id}, {@code corpus-id}) and {@code bm25} ({@code
 * query-id}, {@code corpus-ids}), split {@code Nano{Name}}. v4 layout ({@code sentence-transformers/Nano{Name}-bm25}):
 * subsets {@code corpus}, {@code queries} and {@code relevance} ({@code query-id}, {@code positive-corpus-ids},
 * {@code bm25-ranked-ids}), split {@code train}. One query per BM25 (relevance) row, in file order.
 */
final class NanoBeirData {
    private NanoBeirData() {}

    /** The queries of one dataset, ids kept, prepared by {@code options}' rules. */
    static List<RerankingQuery> load(HubClient hub, String shortName, NanoBeirOptions options) throws IOException {
        String display = NanoBeirOptions.displayName(shortName);
        if (options.perDatasetRepos()) {
            String repo = options.datasetId().replace("{name}", display);
            Source source = new Source(hub, repo, "train", options.revision(), "Nano" + display);
            Map<String, String> corpus = texts(source.read("corpus", "_id", "text"));
            Map<String, String> queries = texts(source.read("queries", "_id", "text"));
            Dataset relevance = source.read("relevance", "query-id", "positive-corpus-ids", "bm25-ranked-ids");
            List<RerankingQuery> out = new ArrayList<>();
            for (Row row : relevance.rows()) {
                String id = string(row, "query-id");
                Set<String> positives = new LinkedHashSet<>(ids(row, "positive-corpus-ids"));
                out.add(query(source, id, queries, corpus, positives, ids(row, "bm25-ranked-ids"), options));
            }
            return out;
        }
        Source source = new Source(hub, options.datasetId(), "Nano" + display, options.revision(), "Nano" + display);
        Map<String, String> corpus = texts(source.read("corpus", "_id", "text"));
        Map<String, String> queries = texts(source.read("queries", "_id", "text"));
        Map<String, Set<String>> qrels = new HashMap<>();
        for (Row row : source.read("qrels", "query-id", "corpus-id").rows()) {
            qrels.computeIfAbsent(string(row, "query-id"), q -> new LinkedHashSet<>())
                    .addAll(ids(row, "corpus-id"));
        }
        List<RerankingQuery> out = new ArrayList<>();
        for (Row row : source.read("bm25", "query-id", "corpus-ids").rows()) {
            String id = string(row, "query-id");
            Set<String> positives = qrels.get(id);
            if (positives == null) {
                throw row.error("query " + id + " of the bm25 subset has no judged document in the qrels subset of "
                        + source.describe("qrels"));
            }
            out.add(query(source, id, queries, corpus, positives, ids(row, "corpus-ids"), options));
        }
        return out;
    }

    private static RerankingQuery query(
            Source source,
            String id,
            Map<String, String> queries,
            Map<String, String> corpus,
            Set<String> positiveIds,
            List<String> ranked,
            NanoBeirOptions options) {
        String text = lookup(queries, id, "query", source.describe("queries"));
        List<String> positives = new ArrayList<>();
        for (String doc : positiveIds) {
            positives.add(lookup(corpus, doc, "document", source.describe("corpus")));
        }
        List<String> documents = new ArrayList<>();
        for (String doc : ranked.subList(0, Math.min(ranked.size(), options.rerankK()))) {
            documents.add(lookup(corpus, doc, "document", source.describe("corpus")));
        }
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("query " + id + " of " + source.name + " has an empty BM25 ranking");
        }
        return RerankingSample.withDocuments(text, positives, documents).prepare(id, options.rerankPositives());
    }

    private static String lookup(Map<String, String> texts, String id, String what, String where) {
        String text = texts.get(id);
        if (text == null) {
            throw new IllegalArgumentException(what + " id " + id + " is not in " + where);
        }
        return text;
    }

    private static Map<String, String> texts(Dataset d) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Row row : d.rows()) {
            out.put(string(row, "_id"), string(row, "text"));
        }
        return out;
    }

    private static String string(Row row, String column) throws IOException {
        Object value = row.get(column).orElse(null);
        if (value == null) {
            throw row.error("column " + column + " is empty");
        }
        return String.valueOf(value);
    }

    /** A column holding one id or a list of ids (qrels may hold either, as the reference accepts). */
    private static List<String> ids(Row row, String column) throws IOException {
        Object value = row.get(column).orElse(null);
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(String.valueOf(v)));
            return out;
        }
        return List.of(string(row, column));
    }

    /** Where one NanoBEIR dataset's subsets live. */
    private record Source(HubClient hub, String repo, String split, String revision, String name) {
        Dataset read(String subset, String... required) throws IOException {
            Dataset d = HubDatasets.load(hub, new HubDatasetRef(repo, subset, split, revision));
            List<String> missing = new ArrayList<>();
            for (String column : required) {
                if (!d.columns().contains(column)) {
                    missing.add(column);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        describe(subset) + " lacks the column(s) " + missing + " (columns: " + d.columns() + ")");
            }
            return d;
        }

        String describe(String subset) {
            return "subset " + subset + ", split " + split + " of dataset " + repo;
        }
    }
}
