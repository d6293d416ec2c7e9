package dev.rerank4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point's tables: a folder of part files is read in file order, not Spark's largest-file-first order. */
class TablesTest {
    @TempDir
    Path dir;

    @Test
    void aFolderOfSeveralFilesIsReadInFileOrder() {
        StructType schema = new StructType().add("i", DataTypes.IntegerType).add("text", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // later partitions hold longer texts: their files are larger, so Spark alone would read them first
            rows.add(LocalSpark.row(i, "x".repeat(1 + i * 40)));
        }
        for (String ext : List.of("parquet", "jsonl", "csv")) {
            Path out = dir.resolve("rows." + ext);
            Tables.write(LocalSpark.frame(rows, schema, 3), out.toString(), "--output");
            assertThat(Tables.dataFiles(LocalSpark.session(), out.toString(), "--input"))
                    .as(ext)
                    .hasSize(3);
            Dataset<Row> back = Tables.read(LocalSpark.session(), out.toString(), "--input");
            List<String> texts = back.collectAsList().stream()
                    .map(r -> r.getAs("text").toString())
                    .toList();
            assertThat(texts)
                    .as(ext)
                    .isEqualTo(rows.stream().map(r -> r.getString(1)).toList());
        }
    }
}
