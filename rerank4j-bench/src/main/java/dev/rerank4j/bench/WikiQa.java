package dev.rerank4j.bench;

import dev.rerank4j.data.Dataset;
import dev.rerank4j.data.DatasetFiles;
import dev.rerank4j.data.LabeledLists;
import dev.rerank4j.data.ReadOptions;
import dev.rerank4j.data.Row;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * WikiQA (Yang et al. 2015) as the loss benchmarks use it: questions with their candidate sentences from the same
 * Wikipedia article, a sentence labelled 1 when it answers the question. Only questions with at least one answer are
 * kept, the usual "clean" setting.
 */
final class WikiQa {
    private WikiQa() {}

    /** One question with its candidates in file order. */
    record Query(String question, List<String> docs, List<Integer> labels) {
        int positives() {
            return (int) labels.stream().filter(l -> l > 0).count();
        }
    }

    /** The training questions with an answer ({@code WikiQASent-train.txt}). */
    static List<Query> train(Path shared) throws IOException {
        Dataset pairs = DatasetFiles.read(
                shared.resolve("datasets/wikiqa/WikiQASent-train.txt"),
                ReadOptions.defaults().withColumnNames(List.of("question", "sentence", "label")));
        return withAnswer(LabeledLists.groupByQuery(pairs, new LabeledLists.Columns("question", "sentence", "label")));
    }

    /** The dev or test questions with an answer ({@code WikiQA-dev.tsv}, {@code WikiQA-test.tsv}). */
    static List<Query> evaluation(Path shared, String split) throws IOException {
        Dataset pairs = DatasetFiles.read(shared.resolve("datasets/wikiqa/WikiQA-" + split + ".tsv"));
        return withAnswer(LabeledLists.groupByQuery(pairs, new LabeledLists.Columns("Question", "Sentence", "Label")));
    }

    private static List<Query> withAnswer(Dataset lists) {
        List<Query> out = new ArrayList<>();
        for (Row r : lists.rows()) {
            List<String> docs = new ArrayList<>();
            ((List<?>) r.get("docs").orElseThrow()).forEach(d -> docs.add((String) d));
            List<Integer> labels = new ArrayList<>();
            ((List<?>) r.get("labels").orElseThrow()).forEach(l -> labels.add(((Number) l).intValue()));
            Query q = new Query((String) r.get("query").orElseThrow(), docs, labels);
            if (q.positives() > 0) {
                out.add(q);
            }
        }
        return out;
    }
}
