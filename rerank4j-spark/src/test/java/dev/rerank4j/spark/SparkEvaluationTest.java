package dev.rerank4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.eval.EvaluationContext;
import dev.rerank4j.eval.EvaluationResult;
import dev.rerank4j.eval.RerankingEvaluator;
import dev.rerank4j.eval.RerankingOptions;
import dev.rerank4j.eval.RerankingQuery;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Distributed evaluation against core's {@link RerankingEvaluator} on the same labelled queries. */
class SparkEvaluationTest {
    @TempDir
    Path dir;

    @Test
    void metricsEqualCoreRerankingEvaluator() {
        Path model = TinyModels.reranker(dir.resolve("tiny"), Architecture.BERT);
        List<String> queries = LocalSpark.texts(25, 5, 21);
        List<String> docs = LocalSpark.texts(25 * 7, 20, 22);
        SplittableRandom r = new SplittableRandom(23);
        List<Row> rows = new ArrayList<>();
        List<RerankingQuery> reference = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            List<String> candidates = new ArrayList<>();
            List<Integer> grades = new ArrayList<>();
            for (int d = 0; d < 7; d++) {
                int grade = q == 4 ? 0 : r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0; // query 4: nothing relevant
                candidates.add(docs.get(q * 7 + d));
                grades.add(grade);
                rows.add(LocalSpark.row(queries.get(q), docs.get(q * 7 + d), grade));
            }
            reference.add(RerankingQuery.of(Integer.toString(q), queries.get(q), candidates, grades));
        }
        StructType schema = new StructType()
                .add("query", DataTypes.StringType)
                .add("document", DataTypes.StringType)
                .add("label", DataTypes.IntegerType);
        EvaluationResult got = SparkRerank.evaluate(
                LocalSpark.frame(rows, schema, 3),
                ModelSpec.of(model.toString()),
                EvalColumns.defaults().withName("dev").withAtK(5));
        EvaluationResult want;
        try (CrossEncoder ce = CrossEncoder.load(model)) {
            want = RerankingEvaluator.ofQueries(
                            reference,
                            RerankingOptions.defaults().withName("dev").withAtK(5))
                    .evaluate(ce, EvaluationContext.none());
        }
        assertThat(got.metrics().keySet())
                .containsExactlyElementsOf(want.metrics().keySet());
        want.metrics()
                .forEach((k, v) -> assertThat(got.metrics().get(k))
                        .as(k)
                        .isCloseTo(v, org.assertj.core.api.Assertions.within(1e-9)));
        assertThat(got.primaryMetric()).isEqualTo(want.primaryMetric());
        assertThat(got.provenance().get("queries_without_relevant"))
                .isEqualTo(want.provenance().get("queries_without_relevant"));
    }
}
