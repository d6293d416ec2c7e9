package dev.rerank4j.spark;

import dev.rerank4j.eval.EvaluationResult;
import dev.rerank4j.eval.QueryMetrics;
import dev.rerank4j.eval.RankingMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import scala.Tuple2;

/**
 * A reranker evaluated over a labelled DataFrame, as core's {@code RerankingEvaluator} (sentence-transformers'
 * {@code CrossEncoderRerankingEvaluator}) evaluates it on one machine: pairs are scored on the executors, each query's
 * candidates (in frame order) get MRR@k, NDCG@k and AP from core's {@link RankingMetrics} on the executors, and the
 * driver averages them in first-seen query order (a query without a relevant candidate counts 0, as the reference).
 */
final class SparkEvaluation {
    private SparkEvaluation() {}

    /** One query's figures, and where its first row is (for the mean's order). */
    record PerQuery(long firstRow, String query, double mrr, double ndcg, double ap, boolean relevant)
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    static EvaluationResult evaluate(Dataset<Row> labelled, ModelSpec model, EvalColumns c) {
        Frames.stringColumn(labelled, c.queryColumn(), "query column");
        Frames.stringColumn(labelled, c.documentColumn(), "document column");
        int label = java.util.Arrays.asList(labelled.columns()).indexOf(c.labelColumn());
        if (label < 0
                || !(labelled.schema().fields()[label].dataType() instanceof NumericType
                        || labelled.schema().fields()[label].dataType().equals(DataTypes.BooleanType))) {
            throw new SparkInputException("column \"" + c.labelColumn() + "\" (label column) is missing or not numeric;"
                    + " the columns are " + List.of(labelled.columns()));
        }
        Dataset<Row> scored = SparkRerank.score(
                labelled.select(c.queryColumn(), c.documentColumn(), c.labelColumn()),
                model,
                ScoreOptions.defaults()
                        .withColumns(c.queryColumn(), c.documentColumn())
                        .withScoreColumn("__rerank4j_score")
                        .withBatchSize(c.batchSize()));
        int k = c.atK();
        List<PerQuery> perQuery = new ArrayList<>(scored.javaRDD()
                .zipWithIndex()
                .mapToPair(t ->
                        new Tuple2<>(t._1().getString(0), new double[] {t._2(), grade(t._1(), 2), t._1().getFloat(3)}))
                .groupByKey()
                .map(g -> metrics(g._1(), g._2(), k))
                .collect());
        perQuery.sort(Comparator.comparingLong(PerQuery::firstRow));
        double mrr = 0;
        double ndcg = 0;
        double ap = 0;
        List<QueryMetrics> details = new ArrayList<>(perQuery.size());
        String prefix = c.name().isEmpty() ? "" : c.name() + "_";
        for (PerQuery q : perQuery) {
            mrr += q.mrr();
            ndcg += q.ndcg();
            ap += q.ap();
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("mrr@" + k, q.mrr());
            v.put("ndcg@" + k, q.ndcg());
            v.put("ap", q.ap());
            details.add(new QueryMetrics(c.name(), Long.toString(q.firstRow()), v));
        }
        int n = perQuery.size();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(prefix + "map", ap / n);
        metrics.put(prefix + "mrr@" + k, mrr / n);
        metrics.put(prefix + "ndcg@" + k, ndcg / n);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("evaluator", "CrossEncoderRerankingEvaluator (Spark)");
        provenance.put("at_k", Integer.toString(k));
        provenance.put("queries", Integer.toString(n));
        provenance.put(
                "queries_without_relevant",
                Long.toString(perQuery.stream().filter(q -> !q.relevant()).count()));
        return new EvaluationResult(
                c.name(),
                metrics,
                prefix + "ndcg@" + k,
                c.name().isEmpty() ? List.of() : List.of(c.name()),
                details,
                provenance);
    }

    /** The label as a grade: an integer label as it is, any other number 1 when > 0 else 0. */
    private static double grade(Row row, int i) {
        Object v = row.get(i);
        if (v == null) {
            throw new SparkInputException("a row of query \"" + row.getString(0) + "\" has a null label");
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        return ((Number) v).doubleValue() > 0 ? 1 : 0;
    }

    private static PerQuery metrics(String query, Iterable<double[]> rows, int k) {
        List<double[]> list = new ArrayList<>();
        rows.forEach(list::add);
        list.sort(Comparator.comparingDouble(r -> r[0]));
        int[] grades = new int[list.size()];
        double[] scores = new double[list.size()];
        boolean relevant = false;
        for (int i = 0; i < grades.length; i++) {
            grades[i] = (int) list.get(i)[1];
            scores[i] = (float) list.get(i)[2];
            relevant |= grades[i] > 0;
        }
        long first = (long) list.get(0)[0];
        if (!relevant) {
            return new PerQuery(first, query, 0, 0, 0, false);
        }
        return new PerQuery(
                first,
                query,
                RankingMetrics.reciprocalRank(grades, scores, k),
                RankingMetrics.ndcg(grades, scores, k),
                RankingMetrics.averagePrecision(grades, scores),
                true);
    }
}
