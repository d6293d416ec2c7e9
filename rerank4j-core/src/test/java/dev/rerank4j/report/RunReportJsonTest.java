package dev.rerank4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.data.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportJsonTest {

    @Test
    void aFullReportReadsBackEqual(@TempDir Path dir) throws Exception {
        RunReport r = SampleReports.full();
        Path file = dir.resolve("out/report.json");
        RunReportJson.write(r, file);
        assertThat(RunReportJson.read(file)).isEqualTo(r);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left
        }
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.at("/evaluations/0/after/ndcg@10").asDouble()).isEqualTo(0.7541);
        assertThat(json.at("/mining/0/outputRows").asInt()).isEqualTo(29220);
        assertThat(json.at("/training/0/values/loss").isNumber()).isTrue();
    }

    @Test
    void aMinimalReportReadsBackEqual(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.json");
        RunReportJson.write(SampleReports.minimal(), file);
        assertThat(RunReportJson.read(file)).isEqualTo(SampleReports.minimal());
    }

    @Test
    void numbersThatAreNotFiniteAreWrittenAsNullAndReadAsNaN(@TempDir Path dir) throws Exception {
        RunReport base = SampleReports.full();
        double nan = Double.NaN;
        ScoreSummary none = new ScoreSummary(0, nan, nan, nan, nan, nan, nan, nan);
        MiningSummary m = base.mining().get(0);
        Map<String, Double> after = new HashMap<>(Map.of("map", Double.POSITIVE_INFINITY, "ndcg@10", nan));
        RunReport r = new RunReport(
                base.title(),
                base.createdAt(),
                base.configText(),
                base.stages(),
                base.data(),
                List.of(new MiningSummary(
                        m.name(),
                        m.source(),
                        0,
                        10,
                        0,
                        0,
                        none,
                        none,
                        m.positiveScores(),
                        m.negativeScores(),
                        List.of())),
                List.of(new LogEntry(5, nan, Map.of("loss", Double.NEGATIVE_INFINITY, "learning_rate", 1e-5))),
                List.of(new EvaluationComparison("e", "in-domain", "map", Map.of(), Map.of("map", 0.5), after)),
                List.of(new QueryExample(
                        "e", "q", List.of(new QueryExample.RankedCandidate("d", nan, true)), List.of(), List.of())),
                List.of());
        Path file = dir.resolve("report.json");
        RunReportJson.write(r, file);
        String text = Files.readString(file);
        assertThat(text).doesNotContain("NaN", "Infinity");
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.at("/mining/0/positive/mean").isNull()).isTrue();
        assertThat(json.at("/evaluations/0/after/map").isNull()).isTrue();
        assertThat(json.at("/training/0/values/loss").isNull()).isTrue();
        assertThat(json.at("/training/0/epoch").isNull()).isTrue();
        RunReport back = RunReportJson.read(file);
        assertThat(back.mining().get(0).positive()).isEqualTo(none);
        assertThat(back.evaluations().get(0).after()).containsEntry("map", nan).containsEntry("ndcg@10", nan);
        assertThat(back.training().get(0).values()).containsEntry("loss", nan).containsEntry("learning_rate", 1e-5);
        assertThat(back.training().get(0).epoch()).isNaN();
        assertThat(back.examples().get(0).firstStage().get(0).score()).isNaN();
        // NaN reads back equal (records compare doubles bit-wise); the infinities come back as NaN
        RunReport finiteOrNaN = RunReportJson.read(file);
        RunReportJson.write(finiteOrNaN, file);
        assertThat(RunReportJson.read(file)).isEqualTo(finiteOrNaN);
    }

    @Test
    void aFileThatIsNotAReportNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\n  \"title\": \"x\",\n  \"createdAt\": [1, 2\n");
        assertThatThrownBy(() -> RunReportJson.read(broken))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(broken + ":")
                .hasMessageContaining("not a rerank4j run report");
        Path missingField = dir.resolve("partial.json");
        String full = RunReportJson.toJson(SampleReports.minimal());
        Files.writeString(missingField, full.replace("\"title\" : \"stopped-early\",", ""));
        assertThatThrownBy(() -> RunReportJson.read(missingField))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("partial.json")
                .hasMessageContaining("title");
    }
}
