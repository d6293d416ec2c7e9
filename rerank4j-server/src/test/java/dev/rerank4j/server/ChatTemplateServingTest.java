package dev.rerank4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.TextPair;
import dev.rerank4j.TokenCount;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A causal-LM reranker (the tiny Qwen3 fixture, chat template) served: {@code usage} and {@code x-compute-tokens}
 * are the tokens the model reads, template included, and TEI's {@code truncate: false} refuses a pair the template-safe
 * truncation would cut.
 */
class ChatTemplateServingTest {
    private static final String QUERY = "where is the cat?";
    private static final List<String> TEXTS =
            List.of("a", "the cat sat on the mat.", "paris is the capital of france.");
    private static final String LONG = "the dog sat on the mat and the cat sat on the dog. ".repeat(6);

    @TempDir
    static Path dir;

    static CrossEncoder model;
    static RerankServer server;
    static Http http;

    @BeforeAll
    static void start() {
        Path qwen = TinyModels.qwen3Reranker(dir.resolve("qwen3"));
        model = CrossEncoder.load(qwen, CrossEncoderOptions.defaults().withMaxLength(160));
        server = RerankServer.start(model, ServerConfig.defaults("tiny-qwen3").withAddress("127.0.0.1", 0));
        http = new Http(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    @Test
    void usageCountsTheTemplatedTokensTheModelReads() {
        List<TextPair> pairs = TinyServerModel.pairs(QUERY, TEXTS);
        // the tokens the model reads (ChatTemplateCountTest checks these are the encoded lengths)
        int read = model.countTokens(pairs).orElseThrow().stream()
                .mapToInt(TokenCount::tokens)
                .sum();
        int estimate = pairs.stream()
                .mapToInt(p -> TokenEstimate.pair(p.query(), p.document(), model.maxLength()))
                .sum();
        assertThat(read).isNotEqualTo(estimate); // so the answer below cannot come from the estimate

        ObjectNode vendor =
                Http.JSON.createObjectNode().put("model", "tiny-qwen3").put("query", QUERY);
        TEXTS.forEach(vendor.putArray("documents")::add);
        JsonNode usage = http.post("v1/rerank", vendor).json().get("usage");
        ObjectNode tei = Http.JSON.createObjectNode().put("query", QUERY);
        TEXTS.forEach(tei.putArray("texts")::add);
        Http.Answer teiAnswer = http.post("rerank", tei);

        assertThat(usage.get("total_tokens").intValue()).isEqualTo(read);
        assertThat(teiAnswer.raw().headers().firstValue("x-compute-tokens")).hasValue(Integer.toString(read));
    }

    @Test
    void truncateFalseRefusesAPairTheModelWouldCut() {
        List<TokenCount> counts =
                model.countTokens(List.of(new TextPair(QUERY, LONG))).orElseThrow();
        assertThat(counts.get(0).truncated()).isTrue();
        ObjectNode body = Http.JSON.createObjectNode().put("query", QUERY).put("truncate", false);
        body.putArray("texts").add("a").add(LONG);

        Http.Answer refused = http.post("rerank", body);
        Http.Answer truncated = http.post("rerank", body.put("truncate", true));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("error").textValue())
                .startsWith("`texts[1]`: the pair (query and text) has "
                        + counts.get(0).untruncated() + " tokens, more than the model's maximum input length of 160");
        assertThat(truncated.status()).isEqualTo(200);
        float[] scores = model.predict(List.of(new TextPair(QUERY, "a"), new TextPair(QUERY, LONG)));
        for (JsonNode r : truncated.json()) {
            assertThat(r.get("score").floatValue())
                    .isEqualTo(scores[r.get("index").intValue()]);
        }
    }
}
