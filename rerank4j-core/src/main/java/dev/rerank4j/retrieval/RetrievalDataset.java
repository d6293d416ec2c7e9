package dev.rerank4j.retrieval;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A retrieval benchmark loaded in memory: a corpus, the queries to evaluate and their judgments.
 *
 * @param name a short name, by default the folder name
 * @param corpus the documents, in file order (ids unique)
 * @param queries the queries that have judgments, in query-file order
 * @param qrels the judgments; every query id in them is in {@code queries}, every document id in {@code corpus}
 * @param skippedQrels judgments dropped while reading because their document is not in the corpus (BEIR ArguAna
 *     has 5)
 */
public record RetrievalDataset(
        String name, List<CorpusDocument> corpus, List<RetrievalQuery> queries, Qrels qrels, int skippedQrels) {
    public RetrievalDataset {
        Objects.requireNonNull(name, "name must not be null");
        corpus = List.copyOf(corpus);
        queries = List.copyOf(queries);
        Objects.requireNonNull(qrels, "qrels must not be null");
        if (skippedQrels < 0) {
            throw new IllegalArgumentException("skippedQrels must be >= 0, got " + skippedQrels);
        }
        Set<String> docIds = new HashSet<>();
        for (CorpusDocument doc : corpus) {
            if (!docIds.add(doc.id())) {
                throw new IllegalArgumentException("duplicate corpus id " + doc.id() + " in " + name);
            }
        }
        Set<String> queryIds = new HashSet<>();
        for (RetrievalQuery query : queries) {
            if (!queryIds.add(query.id())) {
                throw new IllegalArgumentException("duplicate query id " + query.id() + " in " + name);
            }
        }
        qrels.judgments().forEach((query, docs) -> {
            if (!queryIds.contains(query)) {
                throw new IllegalArgumentException("qrels of " + name + " name query " + query + ", not in queries");
            }
            for (String doc : docs.keySet()) {
                if (!docIds.contains(doc)) {
                    throw new IllegalArgumentException(
                            "qrels of " + name + " name document " + doc + ", not in the corpus");
                }
            }
        });
    }
}
