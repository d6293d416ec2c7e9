package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HubUrlsTest {
    private static final URI HUB = URI.create("https://huggingface.co");

    @Test
    void resolveUrlEncodesLikeHfHubUrl() {
        // hf_hub_url("org/m", "a b/ü+.json", revision="refs/pr/1")
        assertThat(HubUrls.resolve(HUB, new RepoId("org/m"), "refs/pr/1", "a b/ü+.json"))
                .hasToString("https://huggingface.co/org/m/resolve/refs%2Fpr%2F1/a%20b/%C3%BC%2B.json");
        assertThat(HubUrls.repoInfo(HUB, new RepoId("org/m"), "v1.0"))
                .hasToString("https://huggingface.co/api/models/org/m/revision/v1.0");
    }

    @Test
    void quoteKeepsTheUnreservedSet() {
        assertThat(HubUrls.quote("Az09_.-~/", true)).isEqualTo("Az09_.-~/");
        assertThat(HubUrls.quote("Az09_.-~/", false)).isEqualTo("Az09_.-~%2F");
        assertThat(HubUrls.quote("%?#&=", true)).isEqualTo("%25%3F%23%26%3D");
    }

    @Test
    void originsCompareSchemeHostAndEffectivePort() {
        assertThat(HubUrls.sameOrigin(URI.create("https://h/a"), URI.create("https://h:443/b")))
                .isTrue();
        assertThat(HubUrls.sameOrigin(URI.create("http://h:1/a"), URI.create("http://h:2/a")))
                .isFalse();
        assertThat(HubUrls.sameOrigin(URI.create("https://h/a"), URI.create("http://h/a")))
                .isFalse();
        assertThat(HubUrls.sameOrigin(URI.create("https://h/a"), URI.create("https://cdn.h/a")))
                .isFalse();
    }

    @Test
    void locations() {
        URI from = URI.create("https://hub:8443/org/old/resolve/main/x");
        assertThat(HubUrls.follow(from, "/org/new/resolve/main/x"))
                .contains(URI.create("https://hub:8443/org/new/resolve/main/x"));
        assertThat(HubUrls.follow(from, "//cdn/x")).contains(URI.create("https://cdn/x"));
        assertThat(HubUrls.follow(from, "file:///etc/passwd")).isEmpty();
        assertThat(HubUrls.redacted(URI.create("https://u:p@cdn:8443/x?sig=secret#f")))
                .isEqualTo("https://cdn:8443/x");
    }

    @Test
    void cacheFolderNames() {
        assertThat(new RepoId("cross-encoder/ms-marco-MiniLM-L6-v2").folderName())
                .isEqualTo("models--cross-encoder--ms-marco-MiniLM-L6-v2");
        assertThat(new RepoId("gpt2").folderName()).isEqualTo("models--gpt2");
    }

    @Test
    void etagsAreNormalisedLikeHuggingfaceHub() {
        assertThat(FileMetadata.normalizeEtag("\"abc\"")).isEqualTo("abc");
        assertThat(FileMetadata.normalizeEtag("W/\"abc\"")).isEqualTo("abc");
        assertThat(FileMetadata.normalizeEtag("abc")).isEqualTo("abc");
    }
}
