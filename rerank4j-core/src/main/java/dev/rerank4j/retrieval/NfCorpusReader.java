package dev.rerank4j.retrieval;

import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.data.TextFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the original NFCorpus release (Boteva et al., ECIR 2016): {@code <split>.docs} ({@code DOC_ID \t TEXT}),
 * {@code <split>.<queries>.queries} ({@code QUERY_ID \t TEXT}) and {@code <split>.<qrels>.qrel} (TREC qrels
 * {@code QID 0 DOCID REL}, graded). Its document text is the released, preprocessed one: lowercased, stopwords
 * removed, numbers replaced by {@code num}, no punctuation; the titles queries read naturally.
 */
public final class NfCorpusReader {
    /**
     * Which files of the release to read.
     *
     * @param split {@code test}, {@code dev} (or {@code train} where present)
     * @param queries the query set: {@code titles}, {@code vid-desc}, {@code nontopic-titles}, ...
     * @param qrels the judgment scale: {@code 2-1-0} (BEIR's test qrels) or {@code 3-2-1}
     */
    public record Selection(String split, String queries, String qrels) {
        public Selection {
            for (String[] field : new String[][] {{"split", split}, {"queries", queries}, {"qrels", qrels}}) {
                if (field[1] == null || field[1].isBlank() || field[1].contains("/")) {
                    throw new IllegalArgumentException(
                            field[0] + " must be a non-empty file name part, got " + field[1]);
                }
            }
        }

        /** BEIR's NFCorpus test setting: test docs, titles queries, 2-1-0 qrels. */
        public static Selection beirTest() {
            return new Selection("test", "titles", "2-1-0");
        }
    }

    private NfCorpusReader() {}

    /** Reads {@code dir} with BEIR's test selection. */
    public static RetrievalDataset read(Path dir) throws IOException {
        return read(dir, Selection.beirTest());
    }

    /** Reads the files of {@code selection} from {@code dir}. */
    public static RetrievalDataset read(Path dir, Selection selection) throws IOException {
        Path docsFile = dir.resolve(selection.split() + ".docs");
        Path queriesFile = dir.resolve(selection.split() + "." + selection.queries() + ".queries");
        Path qrelsFile = dir.resolve(selection.split() + "." + selection.qrels() + ".qrel");
        List<CorpusDocument> corpus = new ArrayList<>();
        Set<String> docIds = new HashSet<>();
        readTwoColumns(docsFile, "DOC_ID, TEXT", (id, text, line) -> {
            if (!docIds.add(id)) {
                throw new DataFormatException(docsFile, line, "duplicate document id \"" + id + "\"");
            }
            corpus.add(new CorpusDocument(id, "", text));
        });
        Map<String, RetrievalQuery> allQueries = new LinkedHashMap<>();
        readTwoColumns(queriesFile, "QUERY_ID, TEXT", (id, text, line) -> {
            if (allQueries.put(id, new RetrievalQuery(id, text)) != null) {
                throw new DataFormatException(queriesFile, line, "duplicate query id \"" + id + "\"");
            }
        });
        QrelsBuilder qrels = new QrelsBuilder(qrelsFile, allQueries.keySet(), docIds);
        TextFiles.forEachLine(qrelsFile, (line, number) -> {
            if (line.isBlank()) {
                return;
            }
            String[] fields = line.strip().split("\\s+");
            if (fields.length != 4) {
                throw new DataFormatException(
                        qrelsFile,
                        number,
                        "expected 4 whitespace-separated fields (QID 0 DOCID REL), got " + fields.length);
            }
            qrels.add(fields[0], fields[2], fields[3], number);
        });
        Qrels judged = qrels.build();
        List<RetrievalQuery> queries = new ArrayList<>();
        for (RetrievalQuery query : allQueries.values()) {
            if (judged.judgments().containsKey(query.id())) {
                queries.add(query);
            }
        }
        return new RetrievalDataset(BeirReader.name(dir), corpus, queries, judged, qrels.skipped());
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(String id, String text, long line) throws DataFormatException;
    }

    private static void readTwoColumns(Path file, String columns, RowHandler handler) throws IOException {
        TextFiles.forEachLine(file, (line, number) -> {
            if (line.isBlank()) {
                return;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 2 || fields[0].isBlank()) {
                throw new DataFormatException(
                        file, number, "expected 2 tab-separated fields (" + columns + "), got " + fields.length);
            }
            handler.accept(fields[0].strip(), fields[1], number);
        });
    }
}
