package dev.rerank4j.spark;

import dev.rerank4j.eval.EvaluationResult;
import dev.rerank4j.io.TempPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rerank4j-spark eval}: reranking metrics of a model on labelled (query, document, label) rows. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a reranker on labelled pairs.")
final class EvalCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, description = "(query, document, label) rows")
    String input;

    @Option(names = "--query-column", defaultValue = "query")
    String queryColumn;

    @Option(names = "--document-column", defaultValue = "document")
    String documentColumn;

    @Option(names = "--label-column", defaultValue = "label")
    String labelColumn;

    @Option(names = "--name", defaultValue = "")
    String name;

    @Option(names = "--at-k", defaultValue = "10")
    int atK;

    @Option(names = "--output", description = "write the metrics as JSON here")
    Path output;

    @Override
    public Integer call() throws Exception {
        SparkSession spark = common.session("eval");
        EvaluationResult r = SparkRerank.evaluate(
                Tables.read(spark, input, "--input"),
                common.spec(),
                EvalColumns.defaults()
                        .withColumns(queryColumn, documentColumn, labelColumn)
                        .withName(name)
                        .withAtK(atK)
                        .withBatchSize(common.batchSize));
        String json = json(r.metrics());
        spec.commandLine().getOut().println(json);
        spec.commandLine().getOut().flush();
        if (output != null) {
            TempPaths.writeAtomically(output, (json + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }

    private static String json(Map<String, Double> metrics) {
        StringBuilder b = new StringBuilder("{");
        metrics.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "")
                .append('"')
                .append(k)
                .append("\": ")
                .append(v));
        return b.append('}').toString();
    }
}
