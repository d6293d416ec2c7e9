package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HubOptionsTest {
    @TempDir
    Path home;

    private HubOptions read(Map<String, String> env) {
        return HubOptions.fromEnvironment(env, home);
    }

    @Test
    void defaultsMatchHuggingfaceHub() {
        HubOptions options = read(Map.of());

        assertThat(options.endpoint()).isEqualTo(URI.create("https://huggingface.co"));
        assertThat(options.hubCache()).isEqualTo(home.resolve(".cache/huggingface/hub"));
        assertThat(options.bearerToken()).isEmpty();
        assertThat(options.networkMode()).isEqualTo(NetworkMode.ONLINE);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void cacheFolderPrecedence() {
        assertThat(read(Map.of("XDG_CACHE_HOME", "/xdg")).hubCache()).isEqualTo(Path.of("/xdg/huggingface/hub"));
        assertThat(read(Map.of("XDG_CACHE_HOME", "/xdg", "HF_HOME", "/hf")).hubCache())
                .isEqualTo(Path.of("/hf/hub"));
        assertThat(read(Map.of("HF_HOME", "/hf", "HUGGINGFACE_HUB_CACHE", "/legacy"))
                        .hubCache())
                .isEqualTo(Path.of("/legacy"));
        assertThat(read(Map.of("HF_HOME", "/hf", "HUGGINGFACE_HUB_CACHE", "/legacy", "HF_HUB_CACHE", "/new"))
                        .hubCache())
                .isEqualTo(Path.of("/new"));
        assertThat(read(Map.of("HF_HOME", "~/hf")).hubCache()).isEqualTo(home.resolve("hf/hub"));
        assertThat(read(Map.of("HF_HUB_CACHE", " ", "HF_HOME", "/hf")).hubCache())
                .isEqualTo(Path.of("/hf/hub"));
    }

    @Test
    void tokenFromVariableElseFromTheTokenFileInHfHome() throws IOException {
        Path hfHome = Files.createDirectories(home.resolve("hf"));
        Files.writeString(hfHome.resolve("token"), "hf_from_file\n");

        assertThat(read(Map.of("HF_HOME", hfHome.toString())).bearerToken()).contains("hf_from_file");
        assertThat(read(Map.of("HF_HOME", hfHome.toString(), "HF_TOKEN", "hf_from_env"))
                        .bearerToken())
                .contains("hf_from_env");
        assertThat(read(Map.of("HUGGING_FACE_HUB_TOKEN", "hf_legacy")).bearerToken())
                .contains("hf_legacy");
        assertThat(read(Map.of()).bearerToken()).isEmpty();

        Files.writeString(home.resolve("elsewhere"), "hf_custom_path");
        assertThat(read(Map.of("HF_TOKEN_PATH", "~/elsewhere")).bearerToken()).contains("hf_custom_path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "TRUE", "yes", "On"})
    void offlineSwitchAcceptsHuggingfaceHubsTrueValues(String value) {
        assertThat(read(Map.of("HF_HUB_OFFLINE", value)).networkMode()).isEqualTo(NetworkMode.OFFLINE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "false", "no", "off", ""})
    void otherValuesStayOnline(String value) {
        assertThat(read(Map.of("HF_HUB_OFFLINE", value)).networkMode()).isEqualTo(NetworkMode.ONLINE);
    }

    @Test
    void endpointAndTimeoutFromTheEnvironment() {
        HubOptions options =
                read(Map.of("HF_ENDPOINT", "https://mirror.example/hf/", "HF_HUB_DOWNLOAD_TIMEOUT", "2.5"));

        assertThat(options.endpoint()).isEqualTo(URI.create("https://mirror.example/hf"));
        assertThat(options.timeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void unusableValuesNameTheVariable() {
        assertThatThrownBy(() -> read(Map.of("HF_ENDPOINT", "ftp://x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HF_ENDPOINT")
                .hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> read(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HF_HUB_DOWNLOAD_TIMEOUT")
                .hasMessageContaining("soon");
    }

    @Test
    void recordChecksItsFields() {
        HubOptions options = HubOptions.of(URI.create("http://127.0.0.1:1"), home);
        assertThatThrownBy(() -> options.withRetries(11, Duration.ZERO))
                .hasMessageContaining("maxRetries must be in [0, 10], got 11");
        assertThatThrownBy(() -> options.withTimeout(Duration.ZERO)).hasMessageContaining("timeout must be > 0");
        assertThatThrownBy(() -> options.withToken("hf_a\nb")).hasMessageContaining("token");
        assertThatThrownBy(() -> HubOptions.of(URI.create("http://h/?q=1"), home))
                .hasMessageContaining("endpoint");
    }

    @Test
    void toStringNeverShowsTheToken() {
        HubOptions options =
                HubOptions.of(URI.create("https://huggingface.co"), home).withToken("hf_secret");

        assertThat(options.toString()).doesNotContain("hf_secret").contains("token=<set>");
    }
}
