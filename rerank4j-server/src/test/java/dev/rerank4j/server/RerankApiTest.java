package dev.rerank4j.server;

import static dev.rerank4j.server.TinyServerModel.DOCUMENTS;
import static dev.rerank4j.server.TinyServerModel.QUERY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.Activation;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.model.CrossEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API shapes: TEI's /rerank, Cohere/Jina's /v1 and /v2, /info, /health, /metrics and the OpenAPI document. */
class RerankApiTest {
    @TempDir
    static Path dir;

    static CrossEncoder model;
    static RerankServer server;
    static Http http;
    static float[] expected;

    @BeforeAll
    static void start() {
        model = TinyServerModel.load(dir);
        server = RerankServer.start(model, ServerConfig.defaults("tiny-bert").withAddress("127.0.0.1", 0));
        http = new Http(server.uri());
        expected = model.predict(TinyServerModel.pairs(QUERY, DOCUMENTS));
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    static ObjectNode tei() {
        ObjectNode body = Http.JSON.createObjectNode().put("query", QUERY);
        DOCUMENTS.forEach(body.putArray("texts")::add);
        return body;
    }

    static ObjectNode vendor() {
        ObjectNode body = Http.JSON.createObjectNode().put("model", "tiny-bert").put("query", QUERY);
        DOCUMENTS.forEach(body.putArray("documents")::add);
        return body;
    }

    @Test
    void teiRerankAnswersABareArraySortedByScoreWithPredictsScores() {
        Http.Answer a = http.post("rerank", tei());

        assertThat(a.status()).isEqualTo(200);
        JsonNode ranks = a.json();
        assertThat(ranks.isArray()).isTrue();
        assertThat(ranks).hasSize(DOCUMENTS.size());
        float previous = Float.POSITIVE_INFINITY;
        List<Integer> seen = new ArrayList<>();
        for (JsonNode r : ranks) {
            int i = r.get("index").intValue();
            float score = r.get("score").floatValue();
            assertThat(score).isEqualTo(expected[i]);
            assertThat(score).isLessThanOrEqualTo(previous);
            assertThat(r.has("text")).isFalse();
            previous = score;
            seen.add(i);
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(a.raw().headers().firstValue("x-compute-tokens")).isPresent();
        assertThat(a.raw().headers().firstValue("x-total-time")).isPresent();
    }

    @Test
    void teiReturnTextAndRawScores() {
        float[] logits = model.predict(
                TinyServerModel.pairs(QUERY, DOCUMENTS),
                PredictOptions.defaults().withActivation(Activation.IDENTITY));

        JsonNode ranks = http.post("rerank", tei().put("return_text", true).put("raw_scores", true))
                .json();

        for (JsonNode r : ranks) {
            int i = r.get("index").intValue();
            assertThat(r.get("text").textValue()).isEqualTo(DOCUMENTS.get(i));
            assertThat(r.get("score").floatValue()).isEqualTo(logits[i]);
        }
        assertThat(ranks.get(0).get("score").floatValue())
                .isNotEqualTo(expected[ranks.get(0).get("index").intValue()]);
    }

    @Test
    void elasticsearchHuggingFaceRerankRequestIsAnswered() {
        // Elasticsearch's hugging_face rerank service sends {texts, query, return_text, top_n}.
        String body = "{\"texts\": " + Http.JSON.valueToTree(DOCUMENTS) + ", \"query\": \"" + QUERY
                + "\", \"return_text\": true, \"top_n\": 2}";

        Http.Answer a = http.post("rerank", body);

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json()).hasSize(2);
        int best = a.json().get(0).get("index").intValue();
        assertThat(expected[best]).isEqualTo(max(expected));
        assertThat(a.json().get(0).get("text").textValue()).isEqualTo(DOCUMENTS.get(best));
    }

    @Test
    void cohereAndJinaShapeOnV1() {
        Http.Answer a = http.post("v1/rerank", vendor().put("top_n", 3));

        assertThat(a.status()).isEqualTo(200);
        JsonNode body = a.json();
        assertThat(body.get("id").textValue()).isNotBlank();
        assertThat(body.get("model").textValue()).isEqualTo("tiny-bert");
        assertThat(body.get("results")).hasSize(3);
        for (JsonNode r : body.get("results")) {
            int i = r.get("index").intValue();
            assertThat(r.get("relevance_score").floatValue()).isEqualTo(expected[i]);
            assertThat(r.get("document").get("text").textValue()).isEqualTo(DOCUMENTS.get(i));
        }
        assertThat(body.get("usage").get("total_tokens").intValue()).isPositive();
        assertThat(body.get("usage").get("prompt_tokens").intValue()).isPositive();
        assertThat(body.get("meta").get("billed_units").get("search_units").intValue())
                .isEqualTo(1);
        assertThat(body.get("meta").get("api_version").get("version").textValue())
                .isEqualTo("1");
    }

    @Test
    void usageCountsTheTokensAsTheModelsTokenizerDoes() {
        // Every word is one token of the tiny WordPiece vocabulary: [CLS] + 6 query words + [SEP] + the document's
        // words + [SEP], i.e. 9 + 6, 6, 6, 8, 2 words = 15 + 15 + 15 + 17 + 11 = 73 (the estimate would say 95).
        int counted = model.countTokens(TinyServerModel.pairs(QUERY, DOCUMENTS)).orElseThrow().stream()
                .mapToInt(dev.rerank4j.TokenCount::tokens)
                .sum();
        assertThat(counted).isEqualTo(73);

        JsonNode usage = http.post("v1/rerank", vendor().put("top_n", 2)).json().get("usage");
        Http.Answer tei = http.post("rerank", tei());

        assertThat(usage.get("total_tokens").intValue()).isEqualTo(73);
        assertThat(usage.get("prompt_tokens").intValue()).isEqualTo(73);
        assertThat(tei.raw().headers().firstValue("x-compute-tokens")).hasValue("73");
    }

    @Test
    void truncateFalseRefusesAPairOverTheMaximumLengthAsTeiDoes() {
        int max = model.maxLength();
        String tooLong = "berlin ".repeat(max).trim();
        ObjectNode body = Http.JSON.createObjectNode().put("query", QUERY).put("truncate", false);
        body.putArray("texts").add("a dog").add(tooLong);

        Http.Answer refused = http.post("rerank", body);
        Http.Answer truncated = http.post("rerank", body.put("truncate", true));
        body.remove("truncate");
        Http.Answer byDefault = http.post("rerank", body);
        ObjectNode fitting = tei().put("truncate", false);
        Http.Answer fits = http.post("rerank", fitting);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("error_type").textValue()).isEqualTo("Validation");
        // [CLS] + 6 query words + [SEP] + max words + [SEP]
        assertThat(refused.json().get("error").textValue())
                .startsWith("`texts[1]`: the pair (query and text) has " + (max + 9) + " tokens, more than the"
                        + " model's maximum input length of " + max);
        float[] scores = model.predict(TinyServerModel.pairs(QUERY, List.of("a dog", tooLong)));
        for (Http.Answer a : List.of(truncated, byDefault)) {
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.raw().headers().firstValue("x-compute-tokens")).hasValue(Integer.toString(11 + max));
            for (JsonNode r : a.json()) {
                assertThat(r.get("score").floatValue())
                        .isEqualTo(scores[r.get("index").intValue()]);
            }
        }
        assertThat(fits.status()).isEqualTo(200);
        for (JsonNode r : fits.json()) {
            assertThat(r.get("score").floatValue())
                    .isEqualTo(expected[r.get("index").intValue()]);
        }
    }

    @Test
    void truncationDirectionLeftKeepsTheEndOfAnOverlongText() {
        int max = model.maxLength();
        // One token per word: the query keeps its 6, the text its last max - 9 of max + 10 words.
        List<String> words = new ArrayList<>();
        for (int i = 0; i < max + 10; i++) {
            words.add(i % 3 == 0 ? "berlin" : i % 3 == 1 ? "paris" : "dog");
        }
        words.set(0, "cat");
        words.set(words.size() - 1, "mat");
        String text = String.join(" ", words);
        String head = String.join(" ", words.subList(0, max - 9));
        String tail = String.join(" ", words.subList(words.size() - (max - 9), words.size()));
        // Each scored alone, as the server scores a lone one-text request (bit for bit).
        float[] expected = {
            model.predict(TinyServerModel.pairs(QUERY, List.of(head)))[0],
            model.predict(TinyServerModel.pairs(QUERY, List.of(tail)))[0]
        };
        assertThat(expected[0]).isNotEqualTo(expected[1]);

        for (String direction : List.of("left", "Left", "right", "Right")) {
            ObjectNode body = Http.JSON.createObjectNode().put("query", QUERY).put("truncation_direction", direction);
            body.putArray("texts").add(text);

            Http.Answer a = http.post("rerank", body);

            assertThat(a.status()).as(direction).isEqualTo(200);
            float score = a.json().get(0).get("score").floatValue();
            assertThat(score).as(direction).isEqualTo(direction.equalsIgnoreCase("left") ? expected[1] : expected[0]);
        }
    }

    @Test
    void v1AcceptsDocumentObjectsAndReturnDocumentsFalse() {
        ObjectNode body = Http.JSON.createObjectNode().put("query", QUERY).put("return_documents", false);
        DOCUMENTS.forEach(d -> body.withArray("documents").addObject().put("text", d));

        JsonNode results = http.post("v1/rerank", body).json().get("results");

        assertThat(results).hasSize(DOCUMENTS.size());
        results.forEach(r -> assertThat(r.has("document")).isFalse());
        results.forEach(r -> assertThat(r.get("relevance_score").floatValue())
                .isEqualTo(expected[r.get("index").intValue()]));
    }

    @Test
    void cohereV2NeverReturnsDocuments() {
        JsonNode body =
                http.post("v2/rerank", vendor().put("return_documents", true)).json();

        assertThat(body.get("results")).hasSize(DOCUMENTS.size());
        body.get("results").forEach(r -> assertThat(r.has("document")).isFalse());
        assertThat(body.get("meta").get("api_version").get("version").textValue())
                .isEqualTo("2");
    }

    @Test
    void infoNamesTheModelAndLimits() {
        JsonNode info = http.get("info").json();

        assertThat(info.get("model_id").textValue()).isEqualTo("tiny-bert");
        assertThat(info.get("model_sha").textValue()).isEqualTo("main");
        assertThat(info.get("max_input_length").intValue()).isEqualTo(model.maxLength());
        assertThat(info.get("max_batch_tokens").intValue()).isEqualTo(16_384);
        assertThat(info.get("max_concurrent_requests").intValue()).isEqualTo(512);
        assertThat(info.get("max_client_batch_size").intValue()).isEqualTo(32);
        assertThat(info.get("version").textValue()).isNotBlank().doesNotContain("${");
        assertThat(info.get("model_type").has("reranker")).isTrue();
    }

    @Test
    void healthIsOk() {
        Http.Answer a = http.get("health");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("status").textValue()).isEqualTo("ok");
    }

    @Test
    void metricsCountRequestsBatchesAndTokens() {
        http.post("rerank", tei());

        Http.Answer a = http.get("metrics");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.raw().headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
        assertThat(a.body())
                .contains("te_request_count_total{route=\"/rerank\",status=\"200\"}")
                .contains("te_request_duration_seconds_count{route=\"/rerank\"}")
                .contains("te_queue_size")
                .contains("te_batch_next_size_count")
                .contains("te_batch_next_tokens_sum")
                .contains("te_request_tokens_total")
                .contains("te_request_pairs_total");
    }

    @Test
    void openApiDocumentsEveryRoute() {
        JsonNode doc = http.get("openapi.json").json();

        assertThat(doc.get("openapi").textValue()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        for (Iterator<String> it = doc.get("paths").fieldNames(); it.hasNext(); ) {
            paths.add(it.next());
        }
        assertThat(paths)
                .containsExactlyInAnyOrder(
                        java.util.Arrays.stream(Route.values()).map(Route::path).toArray(String[]::new));
        for (Route r : Route.values()) {
            assertThat(doc.get("paths").get(r.path()).has(r.method().toLowerCase(java.util.Locale.ROOT)))
                    .as(r.path())
                    .isTrue();
        }
        assertThat(doc.get("info").get("version").textValue()).doesNotContain("${");
    }

    private static float max(float[] xs) {
        float m = Float.NEGATIVE_INFINITY;
        for (float x : xs) {
            m = Math.max(m, x);
        }
        return m;
    }
}
