package dev.rerank4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rerank4j.PairScorer;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.testing.DataSuite;
import dev.rerank4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairDatasetsTest {
    @TempDir
    Path dir;

    /** A scorer that returns the gold label of each pair (or a one-hot row for classes). */
    private static PairScorer echo(List<LabeledPair> pairs, int classes) {
        Map<dev.rerank4j.TextPair, Double> gold = new HashMap<>();
        pairs.forEach(p -> gold.put(p.toTextPair(), p.label()));
        return batch -> {
            float[][] out = new float[batch.size()][];
            for (int i = 0; i < out.length; i++) {
                double label = gold.get(batch.get(i));
                if (classes == 1) {
                    out[i] = new float[] {(float) label};
                } else {
                    out[i] = new float[classes];
                    out[i][(int) label] = 1;
                }
            }
            return out;
        };
    }

    @Test
    void readsAnStsBenchmarkFile() throws IOException {
        Path sts = dir.resolve("sts-test.csv");
        Files.writeString(
                sts,
                "main-captions\tMSRvid\t2012test\t0024\t2.500\tA girl is styling her hair.\tA girl is brushing"
                        + " her hair.\n\nmain-news\theadlines\t2014\t0071\t0.000\tStocks fall\tRain in Spain\textra"
                        + "\tcolumns\n");
        List<LabeledPair> pairs = PairDatasets.readStsb(sts);
        assertThat(pairs)
                .containsExactly(
                        new LabeledPair("A girl is styling her hair.", "A girl is brushing her hair.", 2.5),
                        new LabeledPair("Stocks fall", "Rain in Spain", 0));
    }

    @Test
    void readsSickRelatednessAndEntailmentOfOneSplit() throws IOException {
        Path sick = dir.resolve("SICK.txt");
        Files.writeString(
                sick,
                "pair_ID\tsentence_A\tsentence_B\tentailment_label\trelatedness_score\tSemEval_set\n"
                        + "1\tA kid plays\tA child plays\tENTAILMENT\t4.7\tTRAIN\n"
                        + "2\tA man sings\tNobody sings\tCONTRADICTION\t3.1\tTEST\n"
                        + "3\tA dog runs\tA cat sleeps\tNEUTRAL\t1.4\tTRIAL\n"
                        + "4\tA woman cooks\tA woman is cooking\tENTAILMENT\t4.9\tTEST\n");
        assertThat(PairDatasets.readSickRelatedness(sick, PairDatasets.SickSplit.TEST))
                .containsExactly(
                        new LabeledPair("A man sings", "Nobody sings", 3.1),
                        new LabeledPair("A woman cooks", "A woman is cooking", 4.9));
        assertThat(PairDatasets.readSickRelatedness(sick, PairDatasets.SickSplit.TRIAL))
                .containsExactly(new LabeledPair("A dog runs", "A cat sleeps", 1.4));
        assertThat(PairDatasets.readSickEntailment(sick, PairDatasets.SickSplit.ALL, PairDatasets.NLI_LABELS))
                .extracting(LabeledPair::label)
                .containsExactly(1.0, 0.0, 2.0, 1.0);
        assertThatThrownBy(() -> PairDatasets.readSickEntailment(
                        sick, PairDatasets.SickSplit.TRAIN, List.of("NEUTRAL", "CONTRADICTION")))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("SICK.txt:2: unknown entailment_label \"ENTAILMENT\"");
    }

    @Test
    @DataSuite
    void readsStsBenchmark() throws IOException {
        List<LabeledPair> test =
                PairDatasets.readStsb(SharedData.dataset("stsb").resolve("sts-test.csv"));
        assertThat(test).hasSize(1379);
        assertThat(test.get(0))
                .isEqualTo(new LabeledPair("A girl is styling her hair.", "A girl is brushing her hair.", 2.5));
        EvaluationResult result =
                CorrelationEvaluator.of(test, PairsOptions.named("sts-test")).evaluate(echo(test, 1));
        assertThat(result.metric("sts-test_spearman")).isCloseTo(1.0, within(1e-12));
        assertThat(result.metric("sts-test_pearson")).isCloseTo(1.0, within(1e-12));
    }

    @Test
    @DataSuite
    void readsSickRelatednessAndEntailmentPerSplit() throws IOException {
        Path sick = SharedData.dataset("sick").resolve("SICK.txt");
        assertThat(PairDatasets.readSickRelatedness(sick, PairDatasets.SickSplit.TRAIN))
                .hasSize(4439);
        assertThat(PairDatasets.readSickRelatedness(sick, PairDatasets.SickSplit.TRIAL))
                .hasSize(495);
        List<LabeledPair> test = PairDatasets.readSickRelatedness(sick, PairDatasets.SickSplit.TEST);
        assertThat(test).hasSize(4906);
        assertThat(test).allSatisfy(p -> assertThat(p.label()).isBetween(1.0, 5.0));
        List<LabeledPair> all =
                PairDatasets.readSickEntailment(sick, PairDatasets.SickSplit.ALL, PairDatasets.NLI_LABELS);
        assertThat(all).hasSize(9840);
        // pair 1: NEUTRAL -> index 2 in (CONTRADICTION, ENTAILMENT, NEUTRAL)
        assertThat(all.get(0).label()).isEqualTo(2);
        assertThat(all.stream()
                        .mapToDouble(LabeledPair::label)
                        .distinct()
                        .sorted()
                        .toArray())
                .containsExactly(0, 1, 2);
        EvaluationResult nli =
                ClassificationEvaluator.of(all, PairsOptions.named("sick")).evaluate(echo(all, 3));
        assertThat(nli.metric("sick_f1_macro")).isEqualTo(1.0);
        assertThatThrownBy(() -> PairDatasets.readSickEntailment(
                        sick, PairDatasets.SickSplit.ALL, List.of("ENTAILMENT", "NEUTRAL")))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("SICK.txt:5: unknown entailment_label \"CONTRADICTION\"");
    }

    @Test
    void readsPairsFilesInJsonlAndTsv() throws IOException {
        Path jsonl = dir.resolve("pairs.jsonl");
        Files.writeString(
                jsonl,
                "{\"query\": \"q\", \"document\": \"d\", \"label\": 1}\n\n"
                        + "{\"query\": \"q\", \"document\": \"e\", \"score\": 0.25}\n");
        assertThat(PairDatasets.readPairs(jsonl))
                .containsExactly(new LabeledPair("q", "d", 1), new LabeledPair("q", "e", 0.25));
        Path tsv = dir.resolve("pairs.tsv");
        Files.writeString(tsv, "document\tquery\tscore\nd\tq\t0.5\ne\tq\t1\n");
        assertThat(PairDatasets.readPairs(tsv))
                .containsExactly(new LabeledPair("q", "d", 0.5), new LabeledPair("q", "e", 1));
        assertThat(PairsEvaluation.correlation(tsv, PairsOptions.named(""))
                        .evaluate(echo(PairDatasets.readPairs(tsv), 1))
                        .metric("spearman"))
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void malformedPairsFilesNameFileAndLine() throws IOException {
        assertBad(
                "pairs.jsonl",
                "{\"query\": \"q\", \"document\": \"d\", \"label\": 1}\n{\"query\": \"q\"}\n",
                ":2: missing field \"label\" or \"score\"");
        assertBad("pairs.jsonl", "{\"query\": \"q\", \"label\": 1}\n", ":1: missing field \"document\"");
        assertBad(
                "pairs.jsonl",
                "{\"query\": \"q\", \"document\": \"d\", \"label\": \"x\"}\n",
                ":1: field \"label\" must be a number");
        assertBad("pairs.jsonl", "not json\n", ":1: not valid JSON");
        assertBad("pairs.tsv", "query\tdocument\n", ":1: header lacks column \"score\" (columns: query, document)");
        assertBad("pairs.tsv", "query\tdocument\tlabel\nq\td\n", ":2: expected 3 tab-separated fields");
        assertBad("pairs.tsv", "query\tdocument\tlabel\nq\td\tyes\n", ":2: label must be a number, got \"yes\"");
        assertBad("pairs.csv", "query,document,label\n", "unknown pairs format");
        Path classes = dir.resolve("classes.tsv");
        Files.writeString(classes, "query\tdocument\tlabel\nq\td\t1\nq\te\t0.5\n");
        assertThatThrownBy(() -> PairsEvaluation.classification(classes, PairsOptions.named("")))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("classes.tsv:3: a class label must be an integer >= 0, got 0.5");
        Path sts = dir.resolve("sts.csv");
        Files.writeString(sts, "g\tf\t2012\t1\t2.5\ta\tb\ng\tf\t2012\t2\tx\ta\tb\n");
        assertThatThrownBy(() -> PairDatasets.readStsb(sts)).hasMessageContaining("sts.csv:2: score must be a number");
    }

    private void assertBad(String name, String content, String message) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        assertThatThrownBy(() -> PairDatasets.readPairs(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(message);
    }
}
