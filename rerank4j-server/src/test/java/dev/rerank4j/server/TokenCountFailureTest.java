package dev.rerank4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.PredictOptions;
import dev.rerank4j.Reranker;
import dev.rerank4j.TextPair;
import dev.rerank4j.TokenCount;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.tokenize.TokenizerException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tokenizer that cannot count a request's texts gets 422 Tokenizer (bad text) or 424 Backend, and the server goes on. */
class TokenCountFailureTest {
    @TempDir
    Path dir;

    /** The real model, whose token counting fails for the queries "bad text" and "broken tokenizer". */
    static final class FailingCounts implements Reranker {
        private final Reranker model;

        FailingCounts(Reranker model) {
            this.model = model;
        }

        @Override
        public Optional<List<TokenCount>> countTokens(List<TextPair> pairs) {
            String query = pairs.get(0).query();
            if (query.equals("bad text")) {
                throw new TokenizerException("cannot encode pair 0");
            }
            if (query.equals("broken tokenizer")) {
                throw new IllegalStateException("native tokenizer crashed");
            }
            return model.countTokens(pairs);
        }

        @Override
        public float[][] predictLabels(List<TextPair> pairs, PredictOptions options) {
            return model.predictLabels(pairs, options);
        }

        @Override
        public int numLabels() {
            return model.numLabels();
        }

        @Override
        public int maxLength() {
            return model.maxLength();
        }

        @Override
        public void close() {
            // The test closes the model.
        }
    }

    @Test
    void aFailedCountIsAnsweredAndTheServerGoesOn() {
        try (CrossEncoder model = TinyServerModel.load(dir);
                RerankServer server = RerankServer.start(
                        new FailingCounts(model),
                        ServerConfig.defaults("tiny-bert").withAddress("127.0.0.1", 0))) {
            Http http = new Http(server.uri());

            Http.Answer bad = http.post("rerank", "{\"query\": \"bad text\", \"texts\": [\"a dog\"]}");
            Http.Answer broken =
                    http.post("v1/rerank", "{\"query\": \"broken tokenizer\", \"documents\": [\"a dog\"]}");
            Http.Answer fine = http.post("rerank", "{\"query\": \"a cat\", \"texts\": [\"a dog\"]}");

            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.json().get("error_type").textValue()).isEqualTo("Tokenizer");
            assertThat(bad.json().get("error").textValue())
                    .isEqualTo("the texts cannot be tokenized: cannot encode pair 0");
            assertThat(broken.status()).isEqualTo(424);
            assertThat(broken.json().get("error_type").textValue()).isEqualTo("Backend");
            assertThat(broken.json().get("message").textValue()).contains("native tokenizer crashed");
            assertThat(fine.status()).isEqualTo(200);
            assertThat(fine.json().get(0).get("score").floatValue())
                    .isEqualTo(model.predict(List.of(new TextPair("a cat", "a dog")))[0]);
        }
    }
}
