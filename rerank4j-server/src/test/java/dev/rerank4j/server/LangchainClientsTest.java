package dev.rerank4j.server;

import static dev.rerank4j.server.TinyServerModel.DOCUMENTS;
import static dev.rerank4j.server.TinyServerModel.QUERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.cohere.CohereScoringModel;
import dev.langchain4j.model.jina.JinaScoringModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.rerank4j.TextPair;
import dev.rerank4j.model.CrossEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * langchain4j's own Cohere and Jina scoring models, pointed at the server on 127.0.0.1, get the scores
 * {@code CrossEncoder.predict} gives, in input order.
 */
class LangchainClientsTest {
    static final String KEY = "client-key";

    @TempDir
    static Path dir;

    static CrossEncoder model;
    static RerankServer server;
    static List<TextSegment> segments;
    static float[] expected;

    @BeforeAll
    static void start() {
        model = TinyServerModel.load(dir);
        server = RerankServer.start(
                model,
                ServerConfig.defaults("tiny-bert").withAddress("127.0.0.1", 0).withApiKey(KEY));
        segments = DOCUMENTS.stream().map(TextSegment::from).toList();
        expected = model.predict(TinyServerModel.pairs(QUERY, DOCUMENTS));
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    static void assertScores(Response<List<Double>> response) {
        List<Double> scores = response.content();
        assertThat(scores).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            // JSON carries the float's shortest decimal; as a double it reads back to the same float.
            assertThat(scores.get(i).floatValue()).as("score %d", i).isEqualTo(expected[i]);
        }
    }

    @Test
    void cohereScoringModel() {
        ScoringModel cohere = CohereScoringModel.builder()
                .baseUrl(server.uri().resolve("v1/").toString())
                .apiKey(KEY)
                .modelName("rerank-english-v3.0")
                .timeout(Duration.ofSeconds(30))
                .maxRetries(0)
                .build();

        Response<List<Double>> response = cohere.scoreAll(segments, QUERY);

        assertScores(response);
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(1);
        // One document alone: predict on that pair alone (no padding to the others).
        assertThat(cohere.score(DOCUMENTS.get(2), QUERY).content().floatValue())
                .isEqualTo(model.predict(new TextPair(QUERY, DOCUMENTS.get(2))));
    }

    @Test
    void jinaScoringModel() {
        ScoringModel jina = JinaScoringModel.builder()
                .baseUrl(server.uri().resolve("v1/").toString())
                .apiKey(KEY)
                .modelName("jina-reranker-v2-base-multilingual")
                .timeout(Duration.ofSeconds(30))
                .maxRetries(0)
                .build();

        Response<List<Double>> response = jina.scoreAll(segments, QUERY);

        assertScores(response);
        assertThat(response.tokenUsage().inputTokenCount()).isPositive();
        assertThat(response.tokenUsage().totalTokenCount())
                .isEqualTo(response.tokenUsage().inputTokenCount());
    }

    @Test
    void aWrongKeyFailsTheClientWithTheServersMessage() {
        ScoringModel jina = JinaScoringModel.builder()
                .baseUrl(server.uri().resolve("v1/").toString())
                .apiKey("wrong")
                .modelName("m")
                .maxRetries(0)
                .build();

        assertThatThrownBy(() -> jina.scoreAll(segments, QUERY))
                .hasMessageContaining("401")
                .hasMessageContaining("missing or wrong API key");
    }
}
