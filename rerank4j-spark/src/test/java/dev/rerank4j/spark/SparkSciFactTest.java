package dev.rerank4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.TextPair;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.mining.DenseCandidates;
import dev.rerank4j.mining.HardNegativeMiner;
import dev.rerank4j.mining.MinedDataset;
import dev.rerank4j.mining.MiningData;
import dev.rerank4j.mining.MiningOptions;
import dev.rerank4j.mining.OutputFormat;
import dev.rerank4j.testing.DataSuite;
import dev.rerank4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Real data: SciFact train claims mined for 5 negatives with the offline all-MiniLM-L6-v2, on Spark ({@code
 * local[2,2]}, 3 corpus partitions) and with core on one JVM. A slice (the first 200 claim pairs, the first 800
 * abstracts plus the positives) keeps the suite's time down; the full set is the benchmark's.
 */
@DataSuite
class SparkSciFactTest {
    @Test
    void sciFactMinedOnSparkEqualsOneJvm() throws IOException {
        Path scifact = SharedData.dataset("beir-scifact");
        Map<String, String> corpus = texts(scifact.resolve("corpus.jsonl"));
        Map<String, String> claims = texts(scifact.resolve("queries.jsonl"));
        List<TextPair> pairs = new ArrayList<>();
        List<String> lines = Files.readAllLines(scifact.resolve("qrels/train.tsv"));
        for (String line : lines.subList(1, 201)) {
            String[] f = line.split("\t");
            pairs.add(new TextPair(claims.get(f[0]), corpus.get(f[1])));
        }
        List<String> documents = new ArrayList<>(corpus.values()).subList(0, 800);
        MiningOptions o = MiningOptions.defaults()
                .withNumNegatives(5)
                .withRangeMax(50)
                .withAbsoluteMargin(0)
                .withOutputFormat(OutputFormat.LABELED_PAIR)
                .withOutputScores(true)
                .withBatchSize(32);
        String model = "sentence-transformers/all-MiniLM-L6-v2";
        MinedDataset want;
        try (EmbeddingModel m = EmbeddingModel.load(model)) {
            want = HardNegativeMiner.mineHardNegatives(
                    new MiningData("claim", "abstract", pairs, documents), DenseCandidates.of(m), o);
        }
        List<Row> pairRows = new ArrayList<>();
        pairs.forEach(p -> pairRows.add(LocalSpark.row(p.query(), p.document())));
        List<Row> docRows = new ArrayList<>();
        documents.forEach(d -> docRows.add(LocalSpark.row(d)));
        Dataset<Row> pairFrame = LocalSpark.frame(
                pairRows, new StructType().add("claim", DataTypes.StringType).add("abstract", DataTypes.StringType), 2);
        Dataset<Row> docFrame = LocalSpark.frame(docRows, new StructType().add("text", DataTypes.StringType), 3);
        MinedDataset got = SparkRerank.mine(
                pairFrame,
                Optional.of(docFrame),
                SparkMiningOptions.of(ModelSpec.of(model), o)
                        .withColumns("claim", "abstract")
                        .withPartitions(3));
        assertThat(got.rows()).hasSize(want.rows().size());
        Equivalence.assertSameRows(got, want, 1e-6);
        assertThat(got.report().corpusSize()).isEqualTo(want.report().corpusSize());
    }

    private static Map<String, String> texts(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                String title = n.path("title").asText("");
                String text = n.path("text").asText("");
                out.put(n.path("_id").asText(), title.isEmpty() ? text : title + " " + text);
            }
        }
        return out;
    }
}
