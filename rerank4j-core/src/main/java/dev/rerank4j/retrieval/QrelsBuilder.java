package dev.rerank4j.retrieval;

import dev.rerank4j.data.DataFormatException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Collects judgments line by line with the checks every qrels format shares. */
final class QrelsBuilder {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(QrelsBuilder.class);

    private final Path file;
    private final Set<String> queryIds;
    private final Set<String> docIds;
    private final Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
    private int skipped;
    private String firstSkipped;
    private long firstSkippedLine;

    QrelsBuilder(Path file, Set<String> queryIds, Set<String> docIds) {
        this.file = file;
        this.queryIds = queryIds;
        this.docIds = docIds;
    }

    /**
     * Adds one judgment. An unknown query id is an error; an unknown document id is skipped and counted (the query
     * is still evaluated, as trec_eval does, and scores 0 if nothing relevant remains).
     */
    void add(String queryId, String docId, String gradeText, long line) throws DataFormatException {
        int grade;
        try {
            grade = Integer.parseInt(gradeText.strip());
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, line, "grade must be an integer, got \"" + gradeText + "\"", e);
        }
        if (grade < 0) {
            throw new DataFormatException(file, line, "grade must be >= 0, got " + grade);
        }
        if (!queryIds.contains(queryId)) {
            throw new DataFormatException(file, line, "unknown query id \"" + queryId + "\" (not in the queries file)");
        }
        Map<String, Integer> docs = judgments.computeIfAbsent(queryId, q -> new LinkedHashMap<>());
        if (!docIds.contains(docId)) {
            if (skipped++ == 0) {
                firstSkipped = docId;
                firstSkippedLine = line;
            }
            return;
        }
        Integer previous = docs.put(docId, grade);
        if (previous != null && previous != grade) {
            throw new DataFormatException(
                    file,
                    line,
                    "(" + queryId + ", " + docId + ") judged twice with different grades: " + previous + " and "
                            + grade);
        }
    }

    /**
     * The judgments read. Judgments of documents missing from the corpus are left out with a warning that counts them;
     * when no judgment names a document of the corpus, nothing can be evaluated and that is an error.
     */
    Qrels build() throws DataFormatException {
        if (judgments.isEmpty()) {
            throw new DataFormatException(file, 0, "no judgments");
        }
        int kept = judgments.values().stream().mapToInt(Map::size).sum();
        String first = "first: \"" + firstSkipped + "\" at line " + firstSkippedLine;
        if (kept == 0) {
            throw new DataFormatException(
                    file,
                    0,
                    "none of its " + skipped + " judgments names a document of the corpus (" + first
                            + "): nothing can be judged; the qrels and the corpus do not belong together");
        }
        if (skipped > 0) {
            long emptied = judgments.values().stream().filter(Map::isEmpty).count();
            LOG.warn(
                    "{}: {} of {} judgments name documents that are not in the corpus ({}); they are left out{}",
                    file,
                    skipped,
                    skipped + kept,
                    first,
                    emptied == 0
                            ? ""
                            : ", and " + (emptied == 1 ? "1 query is" : emptied + " queries are")
                                    + " left with no judged document (scored 0)");
        }
        return new Qrels(judgments);
    }

    int skipped() {
        return skipped;
    }
}
