package dev.rerank4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Hand-computed token estimates, and the configuration's checks. */
class TokenEstimateTest {
    @Test
    void wordsCountOnePerFourLettersPunctuationAndIdeographsOneEach() {
        assertThat(TokenEstimate.pieces("")).isZero();
        assertThat(TokenEstimate.pieces("the cat sat")).isEqualTo(3);
        assertThat(TokenEstimate.pieces("tokenization")).isEqualTo(3); // 12 letters
        assertThat(TokenEstimate.pieces("hello, world!")).isEqualTo(6); // 2 + 1 + 2 + 1
        assertThat(TokenEstimate.pieces("柏林人口")).isEqualTo(4);
        assertThat(TokenEstimate.pieces("  \t\n")).isZero();
    }

    @Test
    void aPairAddsThreeSpecialTokensAndIsCappedAtTheMaximumLength() {
        assertThat(TokenEstimate.pair("the cat", "sat", 512)).isEqualTo(6);
        assertThat(TokenEstimate.pair("", "", 512)).isEqualTo(3);
        assertThat(TokenEstimate.pair("a ".repeat(1000), "b", 128)).isEqualTo(128);
    }

    @Test
    void theConfigurationNamesTheBadSetting() {
        ServerConfig ok = ServerConfig.defaults("m");
        assertThatThrownBy(() -> ok.withAddress("127.0.0.1", 70_000))
                .hasMessage("port must be in [0, 65535] (0 = any free port), got 70000");
        assertThatThrownBy(() -> ok.withBatching(0, 1, 1, 1)).hasMessage("maxBatchTokens must be >= 1, got 0");
        assertThatThrownBy(() -> ok.withBatching(100, 1, 32, 8))
                .hasMessage("maxDocuments must be >= maxClientBatchSize (32), got 8");
        assertThatThrownBy(() -> ok.withLimits(10, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessage("payloadLimit must be >= 1024 bytes, got 10");
        assertThatThrownBy(() -> ok.withLimits(2048, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO))
                .hasMessage("requestTimeout must be positive, got PT0S");
        assertThat(ok.withApiKey("secret").toString()).doesNotContain("secret").contains("apiKey=(set)");
        assertThat(ok.requiresApiKey()).isFalse();
    }
}
