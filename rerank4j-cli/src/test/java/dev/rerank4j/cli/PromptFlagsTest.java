package dev.rerank4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.TextPair;
import dev.rerank4j.TokenCount;
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

/**
 * {@code --prompt} / {@code --prompt-name} on predict, rank and serve's reranker: a causal-LM reranker (the tiny Qwen3
 * fixture) scores with the instruction exactly as the library does; a missing saved prompt and both flags at once are
 * usage errors.
 */
class PromptFlagsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTRUCTION = "Find a passage about animals.";
    private static final List<TextPair> PAIRS = List.of(
            new TextPair("where is the cat?", "the cat sat on the mat."),
            new TextPair("what is the capital of france?", "paris is the capital of france."));

    @TempDir
    static Path shared;

    static Path qwen;
    static Path bert;

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @BeforeAll
    static void makeModels() {
        qwen = TinyModels.qwen3Reranker(shared.resolve("qwen3"));
        bert = TinyModels.reranker(shared.resolve("tiny-bert"), Architecture.BERT);
    }

    @Test
    void predictAndRankPassThePromptToTheModel() throws Exception {
        float[] prompted;
        float[] plain;
        try (CrossEncoder m = CrossEncoder.load(qwen)) {
            prompted = m.predict(PAIRS, PredictOptions.defaults().withPrompt(INSTRUCTION));
            plain = m.predict(PAIRS);
        }
        assertThat(prompted[0]).isNotCloseTo(plain[0], within(1e-4f)); // the instruction changes the scores
        Path input = tmp.resolve("pairs.jsonl");
        StringBuilder lines = new StringBuilder();
        for (TextPair p : PAIRS) {
            lines.append(JSON.createObjectNode().put("query", p.query()).put("document", p.document()))
                    .append('\n');
        }
        Files.writeString(input, lines);
        int code = Main.run(
                "predict", "-m", qwen.toString(), "-i", input.toString(), "--prompt", INSTRUCTION, "--no-progress");
        assertThat(code).as(console.err()).isZero();
        List<String> out = console.out().lines().toList();
        assertThat(out).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(JSON.readTree(out.get(i)).get("score").floatValue()).isCloseTo(prompted[i], within(1e-6f));
        }

        Path docs = tmp.resolve("docs.txt");
        Files.writeString(docs, PAIRS.get(0).document() + "\nthe dog\n");
        console.reset();
        code = Main.run(
                "rank",
                "-m",
                qwen.toString(),
                "-q",
                PAIRS.get(0).query(),
                "-d",
                docs.toString(),
                "-k",
                "0",
                "--json",
                "--prompt",
                INSTRUCTION);
        assertThat(code).as(console.err()).isZero();
        JsonNode ranked = JSON.readTree(console.out());
        for (JsonNode r : ranked) {
            if (r.get("corpus_id").asInt() == 0) {
                assertThat(r.get("score").floatValue()).isCloseTo(prompted[0], within(1e-6f));
            }
        }
    }

    @Test
    void servedRerankerScoresAndCountsWithThePrompt() {
        try (CrossEncoder m = CrossEncoder.load(qwen)) {
            PromptedReranker served = new PromptedReranker(m, INSTRUCTION);
            PredictOptions prompted = PredictOptions.defaults().withPrompt(INSTRUCTION);
            assertThat(served.predict(PAIRS)).containsExactly(m.predict(PAIRS, prompted));
            List<TokenCount> counts = served.countTokens(PAIRS).orElseThrow();
            assertThat(counts).isEqualTo(m.countTokens(PAIRS, prompted));
            assertThat(counts.get(0).tokens())
                    .isNotEqualTo(m.countTokens(PAIRS).orElseThrow().get(0).tokens());
        }
    }

    @Test
    void aMissingSavedPromptAndBothFlagsAreUsageErrors() throws Exception {
        Path docs = tmp.resolve("docs.txt");
        Files.writeString(docs, "one\ntwo\n");
        int code = Main.run("rank", "-m", bert.toString(), "-q", "q", "-d", docs.toString(), "--prompt-name", "query");
        assertThat(code).isEqualTo(2);
        assertThat(console.err())
                .contains("--prompt-name query: this model has no saved prompts (config_sentence_transformers.json"
                        + " \"prompts\"); give the text with --prompt instead");
        code = Main.run(
                "rank", "-m", qwen.toString(), "-q", "q", "-d", docs.toString(), "--prompt", "x", "--prompt-name", "y");
        assertThat(code).isEqualTo(2);
        assertThat(console.err()).contains("--prompt and --prompt-name exclude each other: give one");
    }
}
