package dev.rerank4j.hub;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The hub's URL scheme, with huggingface_hub's percent-encoding ({@code urllib.parse.quote}). */
final class HubUrls {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HubUrls() {}

    /** {@code {endpoint}/{repo}/resolve/{revision}/{filename}}, as {@code hf_hub_url} builds it. */
    static URI resolve(URI endpoint, RepoId repo, String revision, String filename) {
        return URI.create(
                endpoint + "/" + repo.path() + "/resolve/" + quote(revision, false) + "/" + quote(filename, true));
    }

    /**
     * {@code {endpoint}/api/models/{repo}/revision/{revision}} (or {@code /api/datasets/...}), as {@code
     * HfApi.model_info} and {@code HfApi.dataset_info} build it.
     */
    static URI repoInfo(URI endpoint, RepoId repo, String revision) {
        return URI.create(
                endpoint + "/api/" + repo.type().plural() + "/" + repo.id() + "/revision/" + quote(revision, false));
    }

    /** The web page of a repository, for messages. */
    static String repoPage(URI endpoint, RepoId repo) {
        return endpoint + "/" + repo.path();
    }

    /**
     * Percent-encodes UTF-8 bytes except letters, digits and {@code _.-~} (and {@code /} when {@code keepSlash}),
     * exactly like Python's {@code quote(text, safe="/")} or {@code quote(text, safe="")}.
     */
    static String quote(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-'
                    || c == '~'
                    || (keepSlash && c == '/');
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** The target of a {@code Location} header, resolved against the request URL; empty if unusable. */
    static Optional<URI> follow(URI from, String location) {
        try {
            URI target = from.resolve(new URI(location.strip()));
            String scheme = target.getScheme();
            boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            return web && target.getHost() != null ? Optional.of(target) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Same scheme, host and port: the only places the token may go. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    /** The URL without user info, query or fragment (signed CDN URLs carry credentials in the query). */
    static String redacted(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getHost() + port + path;
    }

    /** {@code host:port} for messages. */
    static String hostAndPort(URI uri) {
        return uri.getHost() + ":" + port(uri);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }
}
