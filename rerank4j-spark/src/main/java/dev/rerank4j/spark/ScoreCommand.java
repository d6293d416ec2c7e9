package dev.rerank4j.spark;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rerank4j-spark score}: a score column for (query, document) rows. */
@Command(name = "score", mixinStandardHelpOptions = true, description = "Add a score column to (query, document) rows.")
final class ScoreCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--input", required = true)
    String input;

    @Option(names = "--output", required = true, description = "output directory (.parquet, .jsonl, .csv, .tsv)")
    String output;

    @Option(names = "--query-column", defaultValue = "query")
    String queryColumn;

    @Option(names = "--document-column", defaultValue = "document")
    String documentColumn;

    @Option(names = "--score-column", defaultValue = "score")
    String scoreColumn;

    @Option(names = "--error-column", description = "route bad rows to this column instead of failing")
    String errorColumn;

    @Override
    public Integer call() {
        SparkSession spark = common.session("score");
        ScoreOptions o = ScoreOptions.defaults()
                .withColumns(queryColumn, documentColumn)
                .withScoreColumn(scoreColumn)
                .withBatchSize(common.batchSize);
        if (errorColumn != null) {
            o = o.withErrorColumn(errorColumn);
        }
        Tables.write(SparkRerank.score(Tables.read(spark, input, "--input"), common.spec(), o), output, "--output");
        return 0;
    }
}
