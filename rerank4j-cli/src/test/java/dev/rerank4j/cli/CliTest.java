package dev.rerank4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.TextPair;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runs of the command line on a tiny model, checking outputs, messages and exit codes. */
class CliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path model;

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @BeforeAll
    static void makeModel() {
        model = TinyModels.reranker(shared.resolve("tiny-bert"), Architecture.BERT);
    }

    private String out() {
        return console.out();
    }

    private String err() {
        return console.err();
    }

    @Test
    void predictWritesOneScorePerPairInInputOrder() throws Exception {
        Path input = tmp.resolve("pairs.jsonl");
        Files.writeString(input, """
                {"query": "how many people live in berlin?", "document": "berlin is the capital of germany."}

                {"query": "what is the capital of france?", "document": "paris is the capital of france.", "id": 7}
                {"query": "the cat", "document": "the dog sat on the mat"}
                """);
        Path output = tmp.resolve("out/scores.jsonl");
        int code = Main.run(
                "predict",
                "--model",
                model.toString(),
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--no-progress");
        assertThat(code).as(err()).isZero();
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).hasSize(3);
        float[] expected;
        try (CrossEncoder m = CrossEncoder.load(model)) {
            expected = m.predict(List.of(
                    new TextPair("how many people live in berlin?", "berlin is the capital of germany."),
                    new TextPair("what is the capital of france?", "paris is the capital of france."),
                    new TextPair("the cat", "the dog sat on the mat")));
        }
        for (int i = 0; i < 3; i++) {
            JsonNode row = JSON.readTree(lines.get(i));
            assertThat(row.get("index").asInt()).isEqualTo(i);
            assertThat(row.get("score").floatValue()).isCloseTo(expected[i], within(1e-6f));
        }
        assertThat(Files.list(output.getParent())).hasSize(1); // no temporary file left
    }

    @Test
    void predictReadsTsvAndPrintsToStandardOutput() throws Exception {
        Path input = tmp.resolve("pairs.tsv");
        Files.writeString(input, "id\tquestion\tanswer\n1\twho is a good dog\tthe dog\n2\twhere\tparis\n");
        int code = Main.run(
                "predict",
                "-m",
                model.toString(),
                "-i",
                input.toString(),
                "--query-field",
                "question",
                "--document-field",
                "answer",
                "--no-progress");
        assertThat(code).as(err()).isZero();
        assertThat(out().lines().toList()).hasSize(2).allMatch(l -> l.contains("\"score\""));
    }

    @Test
    void aMalformedInputLineExitsTwoNamingTheLine() throws Exception {
        Path input = tmp.resolve("bad.jsonl");
        Files.writeString(input, "{\"query\": \"q\", \"document\": \"d\"}\n{\"query\": \"q\", \"doc\": \"d\"}\n");
        Path output = tmp.resolve("scores.jsonl");
        int code = Main.run("predict", "-m", model.toString(), "-i", input.toString(), "-o", output.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains(input + ":2: missing field \"document\" (fields: query, doc");
        assertThat(err()).doesNotContain("\tat ");
        assertThat(output).doesNotExist();
    }

    @Test
    void aMissingModelDirectoryExitsTwo() throws Exception {
        Path docs = Files.writeString(tmp.resolve("docs.txt"), "a\n");
        int code = Main.run("rank", "-m", tmp.resolve("nope").toString(), "-q", "q", "-d", docs.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("no local directory " + tmp.resolve("nope") + ", and it cannot be a hub id");
    }

    @Test
    void aDirectoryThatIsNotAModelExitsTwoAndVerboseShowsTheTrace() throws Exception {
        Path docs = tmp.resolve("docs.txt");
        Files.writeString(docs, "a\nb\n");
        int code = Main.run("rank", "-m", tmp.toString(), "-q", "q", "-d", docs.toString(), "--verbose");
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("config.json: missing").contains("\tat ");
    }

    @Test
    void rankPrintsTheTopKBestFirst() throws Exception {
        Path docs = tmp.resolve("docs.txt");
        Files.writeString(docs, "berlin is the capital of germany.\n\nthe dog sat on the mat\nparis is in france\n");
        int code = Main.run("rank", "-m", model.toString(), "-q", "where is berlin", "-d", docs.toString(), "-k", "2");
        assertThat(code).as(err()).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("rank").contains("score");
        double first = Double.parseDouble(lines.get(1).trim().split("\\s+")[1]);
        double second = Double.parseDouble(lines.get(2).trim().split("\\s+")[1]);
        assertThat(first).isGreaterThanOrEqualTo(second);
    }

    @Test
    void rankJsonListsEveryDocumentWithTopKZero() throws Exception {
        Path docs = tmp.resolve("docs.txt");
        Files.writeString(docs, "one\ntwo\nthree\n");
        int code = Main.run("rank", "-m", model.toString(), "-q", "q", "-d", docs.toString(), "-k", "0", "--json");
        assertThat(code).as(err()).isZero();
        JsonNode arr = JSON.readTree(out());
        assertThat(arr.size()).isEqualTo(3);
        assertThat(arr.get(0).has("corpus_id")).isTrue();
    }

    @Test
    void aMissingInputFileExitsTwoBeforeLoadingTheModel() {
        int code = Main.run("rank", "-m", tmp.resolve("nope").toString(), "-q", "q", "-d", "x.txt");
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("x.txt: no such file");
    }

    @Test
    void theBundledMiniLmResolvesOfflineById() throws Exception {
        Path input = tmp.resolve("pairs.jsonl");
        Files.writeString(
                input,
                "{\"query\": \"How many people live in Berlin?\", \"document\": \"Berlin has 3.7 million people.\"}\n");
        int code = Main.run(
                "predict", "-m", "sentence-transformers/all-MiniLM-L6-v2", "-i", input.toString(), "--no-progress");
        assertThat(code).as(err()).isZero();
        float score = (float) JSON.readTree(out().lines().findFirst().orElseThrow())
                .get("score")
                .doubleValue();
        assertThat(score).isStrictlyBetween(0f, 1f);
    }

    @Test
    void aHubIdMissingFromTheCacheWhileOfflineExitsTwo() throws Exception {
        Path input = Files.writeString(tmp.resolve("p.jsonl"), "{\"query\": \"q\", \"document\": \"d\"}\n");
        // Surefire runs with HF_HUB_OFFLINE=1 and an empty HF_HOME under target/.
        int code = Main.run("predict", "-m", "cross-encoder/ms-marco-MiniLM-L6-v2", "-i", input.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("offline");
    }

    @Test
    void helpAndUsageErrors() {
        assertThat(Main.run("--help")).isZero();
        assertThat(out()).contains("predict").contains("rank");
        assertThat(Main.run("predict", "--help")).isZero();
        assertThat(Main.run("rank", "--help")).isZero();
        assertThat(Main.run(new String[0])).isEqualTo(2);
        assertThat(Main.run("predict", "--model", "x")).isEqualTo(2);
        assertThat(err()).contains("Missing required option");
        assertThat(Main.run("rank", "-m", model.toString(), "-q", "q", "-d", "d", "-k", "-1"))
                .isEqualTo(2);
        assertThat(Main.run("frobnicate")).isEqualTo(2);
    }
}
