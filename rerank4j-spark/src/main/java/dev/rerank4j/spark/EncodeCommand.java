package dev.rerank4j.spark;

import dev.rerank4j.embed.PromptRole;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rerank4j-spark encode}: an embedding column for text rows. */
@Command(name = "encode", mixinStandardHelpOptions = true, description = "Add an embedding column to text rows.")
final class EncodeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--input", required = true)
    String input;

    @Option(names = "--output", required = true)
    String output;

    @Option(names = "--text-column", defaultValue = "text")
    String textColumn;

    @Option(names = "--embedding-column", defaultValue = "embedding")
    String embeddingColumn;

    @Option(names = "--role", defaultValue = "DOCUMENT", description = "QUERY or DOCUMENT: whose model prompt")
    PromptRole role;

    @Option(names = "--prompt", description = "prompt to prepend instead of the model's")
    String prompt;

    @Option(names = "--error-column", description = "route bad rows to this column instead of failing")
    String errorColumn;

    @Override
    public Integer call() {
        SparkSession spark = common.session("encode");
        EncodeColumns o = EncodeColumns.defaults()
                .withColumns(textColumn, embeddingColumn)
                .withRole(role)
                .withBatchSize(common.batchSize);
        if (prompt != null) {
            o = o.withPrompt(prompt);
        }
        if (errorColumn != null) {
            o = o.withErrorColumn(errorColumn);
        }
        Tables.write(SparkRerank.encode(Tables.read(spark, input, "--input"), common.spec(), o), output, "--output");
        return 0;
    }
}
