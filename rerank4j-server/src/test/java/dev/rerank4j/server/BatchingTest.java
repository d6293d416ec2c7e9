package dev.rerank4j.server;

import static dev.rerank4j.server.TinyServerModel.QUERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.TextPair;
import dev.rerank4j.TokenCount;
import dev.rerank4j.model.CrossEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic batching: requests queued together share a forward pass and get the scores {@code predict} gives each alone;
 * long requests are split, not refused; a full queue answers 429 at once; a request past its timeout answers 429.
 */
class BatchingTest {
    @TempDir
    static Path dir;

    static CrossEncoder model;

    @BeforeAll
    static void load() {
        model = TinyServerModel.load(dir);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static ObjectNode tei(String query, List<String> texts) {
        ObjectNode body = Http.JSON.createObjectNode().put("query", query);
        texts.forEach(body.putArray("texts")::add);
        return body;
    }

    /** The scores of an answer, by document index. */
    static float[] scores(JsonNode ranks, int n) {
        float[] out = new float[n];
        assertThat(ranks).hasSize(n);
        ranks.forEach(r -> out[r.get("index").intValue()] = r.get("score").floatValue());
        return out;
    }

    @Test
    void twoConcurrentRequestsShareABatchAndScoreAsAlone() throws Exception {
        GatedReranker gated = new GatedReranker(model);
        List<String> docsA = TinyServerModel.documents(3, 4, 1);
        List<String> docsB = TinyServerModel.documents(5, 12, 2);
        List<String> docsC = TinyServerModel.documents(7, 8, 3);
        try (RerankServer server = RerankServer.start(gated, config())) {
            Http http = new Http(server.uri());
            // A enters the model and is held there; B and C queue behind it and must share the next batch.
            CompletableFuture<Http.Answer> a =
                    CompletableFuture.supplyAsync(() -> http.post("rerank", tei(QUERY, docsA)));
            gated.awaitFirstBatch();
            CompletableFuture<Http.Answer> b =
                    CompletableFuture.supplyAsync(() -> http.post("rerank", tei("where is paris", docsB)));
            CompletableFuture<Http.Answer> c =
                    CompletableFuture.supplyAsync(() -> http.post("rerank", tei(QUERY, docsC)));
            awaitQueued(http, docsB.size() + docsC.size());
            gated.open();

            assertThat(gated.batches().subList(0, 1)).containsExactly(docsA.size());
            float[] gotA = scores(a.get(60, TimeUnit.SECONDS).json(), docsA.size());
            float[] gotB = scores(b.get(60, TimeUnit.SECONDS).json(), docsB.size());
            float[] gotC = scores(c.get(60, TimeUnit.SECONDS).json(), docsC.size());

            assertThat(gated.batches()).containsExactly(docsA.size(), docsB.size() + docsC.size());
            // Bit for bit what predict gives on the same pairs...
            List<TextPair> shared = new ArrayList<>(TinyServerModel.pairs("where is paris", docsB));
            shared.addAll(TinyServerModel.pairs(QUERY, docsC));
            float[] together = model.predict(shared);
            assertThat(gotB).containsExactly(Arrays.copyOfRange(together, 0, docsB.size()));
            assertThat(gotC).containsExactly(Arrays.copyOfRange(together, docsB.size(), together.length));
            assertThat(gotA).containsExactly(model.predict(TinyServerModel.pairs(QUERY, docsA)));
            // ...and each request's predict alone up to float rounding (padding to a longer pair changes the sums'
            // order inside libtorch's kernels, as it does between batch sizes of predict itself).
            assertClose(gotB, model.predict(TinyServerModel.pairs("where is paris", docsB)));
            assertClose(gotC, model.predict(TinyServerModel.pairs(QUERY, docsC)));
        }
    }

    @Test
    void aRequestOverTheClientBatchSizeIsSplitNotRefused() {
        GatedReranker counting = new GatedReranker(model);
        counting.open();
        List<String> docs = TinyServerModel.documents(70, 10, 4);
        ServerConfig config = config().withBatching(16_384, 512, 16, 100);
        try (RerankServer server = RerankServer.start(counting, config)) {
            Http.Answer a = new Http(server.uri()).post("rerank", tei(QUERY, docs));

            assertThat(a.status()).isEqualTo(200);
            assertThat(scores(a.json(), docs.size()))
                    .containsExactly(model.predict(TinyServerModel.pairs(QUERY, docs)));
            // Parts of 16, 16, 16, 16, 6 fit one budget: one predict call.
            assertThat(counting.batches()).containsExactly(70);
        }
    }

    @Test
    void theTokenBudgetBoundsEachForwardPass() {
        GatedReranker counting = new GatedReranker(model);
        counting.open();
        List<String> docs = TinyServerModel.documents(40, 10, 5);
        int budget = 200;
        try (RerankServer server = RerankServer.start(counting, config().withBatching(budget, 512, 32, 100))) {
            Http.Answer a = new Http(server.uri()).post("rerank", tei(QUERY, docs));

            assertClose(scores(a.json(), docs.size()), model.predict(TinyServerModel.pairs(QUERY, docs)));
            assertThat(counting.batches()).hasSizeGreaterThan(1);
            for (List<TextPair> batch : counting.batchPairs()) {
                int longest = model.countTokens(batch).orElseThrow().stream()
                        .mapToInt(TokenCount::tokens)
                        .max()
                        .orElseThrow();
                assertThat(batch.size() * longest).isLessThanOrEqualTo(budget);
            }
            assertThat(counting.batches().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(docs.size());
        }
    }

    @Test
    void aFullQueueAnswers429AtOnceAndTheAdmittedRequestsStillSucceed() throws Exception {
        GatedReranker gated = new GatedReranker(model);
        List<String> docs = TinyServerModel.documents(4, 6, 6);
        try (RerankServer server = RerankServer.start(gated, config().withBatching(16_384, 2, 32, 100))) {
            Http http = new Http(server.uri());
            CompletableFuture<Http.Answer> first =
                    CompletableFuture.supplyAsync(() -> http.post("rerank", tei(QUERY, docs)));
            gated.awaitFirstBatch();
            CompletableFuture<Http.Answer> second =
                    CompletableFuture.supplyAsync(() -> http.post("v1/rerank", vendor(docs)));
            awaitQueued(http, docs.size());

            long start = System.nanoTime();
            Http.Answer refused = http.post("rerank", tei(QUERY, docs));
            long millis = (System.nanoTime() - start) / 1_000_000;
            Http.Answer refusedVendor = http.post("v2/rerank", vendor(docs));
            gated.open();

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("error_type").textValue()).isEqualTo("Overloaded");
            assertThat(refused.json().get("error").textValue()).contains("--max-concurrent-requests");
            assertThat(refusedVendor.status()).isEqualTo(429);
            assertThat(refusedVendor.json().get("message").textValue()).contains("overloaded");
            assertThat(millis).isLessThan(2_000);
            assertThat(first.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(second.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            // Capacity is back once they are answered.
            assertThat(http.post("rerank", tei(QUERY, docs)).status()).isEqualTo(200);
            assertThat(http.get("metrics").body()).contains("te_request_overloaded_total 2.0");
        }
    }

    @Test
    void aRequestPastItsTimeoutAnswers429OverloadedAndTheServerGoesOn() throws Exception {
        GatedReranker gated = new GatedReranker(model);
        List<String> docs = TinyServerModel.documents(3, 6, 7);
        ServerConfig config =
                config().withLimits(2_000_000, Duration.ofMillis(300), Duration.ofSeconds(30), Duration.ZERO);
        try (RerankServer server = RerankServer.start(gated, config)) {
            Http http = new Http(server.uri());
            CompletableFuture<Http.Answer> held =
                    CompletableFuture.supplyAsync(() -> http.post("rerank", tei(QUERY, docs)));
            gated.awaitFirstBatch();
            Http.Answer queued = http.post("rerank", tei(QUERY, docs));

            assertThat(queued.status()).isEqualTo(429);
            assertThat(queued.json().get("error_type").textValue()).isEqualTo("Overloaded");
            assertThat(queued.json().get("error").textValue()).contains("300 ms (--request-timeout)");
            assertThat(held.get(60, TimeUnit.SECONDS).status()).isEqualTo(429);
            gated.open();
            awaitQueued(http, 0);
            assertThat(http.post("rerank", tei(QUERY, docs)).status()).isEqualTo(200);
            // The timed-out request's queued part was dropped, never scored.
            assertThat(gated.batches()).containsExactly(docs.size(), docs.size());
        }
    }

    /** Equal up to float rounding: within 1e-6 (scores are in [0, 1]). */
    static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("score %d", i).isCloseTo(expected[i], within(1e-6f));
        }
    }

    static ServerConfig config() {
        return ServerConfig.defaults("tiny-bert").withAddress("127.0.0.1", 0);
    }

    static ObjectNode vendor(List<String> docs) {
        ObjectNode body = Http.JSON.createObjectNode().put("model", "m").put("query", QUERY);
        docs.forEach(body.putArray("documents")::add);
        return body;
    }

    /** Waits until the queue holds {@code pairs} pairs (te_queue_size). */
    static void awaitQueued(Http http, int pairs) throws InterruptedException {
        String expected = "te_queue_size " + pairs + ".0";
        for (int i = 0; i < 600; i++) {
            if (http.get("metrics").body().contains(expected)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the queue never held " + pairs + " pairs");
    }
}
