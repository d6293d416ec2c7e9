package dev.rerank4j.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the hub is, where its cache lies and how to talk to it; the environment variables of huggingface_hub map
 * onto these fields one to one (see {@link #fromEnvironment(Map, Path)}), so Python and Java share one cache.
 *
 * @param endpoint the hub, e.g. {@code https://huggingface.co} (no trailing slash, no query)
 * @param hubCache the cache folder holding {@code models--org--name} folders; stored absolute and normalised
 * @param token the access token sent as {@code Authorization: Bearer}; empty for anonymous access
 * @param networkMode {@link NetworkMode#OFFLINE} answers from the cache and never opens a connection
 * @param timeout how long a connection may stay silent (connecting, waiting for headers, between body bytes)
 * @param maxRetries how often a request that failed to connect, stalled, or got a 5xx/429 answer is retried
 * @param retryBackoff the wait before the first retry; doubled before each further one
 */
public record HubOptions(
        URI endpoint,
        Path hubCache,
        String token,
        NetworkMode networkMode,
        Duration timeout,
        int maxRetries,
        Duration retryBackoff) {
    /** The public Hugging Face hub. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    /** huggingface_hub's default for {@code HF_HUB_DOWNLOAD_TIMEOUT} and {@code HF_HUB_ETAG_TIMEOUT}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final int DEFAULT_RETRIES = 2;
    private static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
    private static final Set<String> TRUE_VALUES = Set.of("1", "ON", "YES", "TRUE");

    public HubOptions {
        Objects.requireNonNull(endpoint, "endpoint must not be null");
        Objects.requireNonNull(hubCache, "hubCache must not be null");
        Objects.requireNonNull(token, "token must not be null (use \"\" for anonymous access)");
        Objects.requireNonNull(networkMode, "networkMode must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        Objects.requireNonNull(retryBackoff, "retryBackoff must not be null");
        endpoint = checkEndpoint(endpoint);
        hubCache = hubCache.toAbsolutePath().normalize();
        token = token.strip();
        if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException(
                    "token must be printable ASCII without spaces or line breaks (a Hugging Face access token such"
                            + " as hf_...), got one with a character outside 0x21..0x7e");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be in [0, 10], got " + maxRetries);
        }
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff must be >= 0, got " + retryBackoff);
        }
    }

    /**
     * Options for anonymous, online access to {@code endpoint} with the given cache and default timeouts.
     *
     * @param endpoint the hub (a test server, a mirror, or {@link #DEFAULT_ENDPOINT})
     * @param hubCache the cache folder
     * @return the options
     */
    public static HubOptions of(URI endpoint, Path hubCache) {
        return new HubOptions(
                endpoint, hubCache, "", NetworkMode.ONLINE, DEFAULT_TIMEOUT, DEFAULT_RETRIES, DEFAULT_BACKOFF);
    }

    /** Reads the process environment; {@code ~} is the JVM's {@code user.home}. */
    public static HubOptions fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Reads the given environment the way huggingface_hub reads {@code os.environ}.
     *
     * <ul>
     *   <li>{@code HF_ENDPOINT}, default {@code https://huggingface.co};
     *   <li>{@code HF_HOME}, default {@code $XDG_CACHE_HOME/huggingface}, itself defaulting to {@code
     *       ~/.cache/huggingface};
     *   <li>{@code HF_HUB_CACHE}, else the legacy {@code HUGGINGFACE_HUB_CACHE}, else {@code $HF_HOME/hub};
     *   <li>{@code HF_TOKEN}, else the legacy {@code HUGGING_FACE_HUB_TOKEN}, else the file {@code HF_TOKEN_PATH}
     *       (default {@code $HF_HOME/token}, written by {@code huggingface-cli login}) when it exists;
     *   <li>{@code HF_HUB_OFFLINE}: {@code 1}, {@code true}, {@code yes} or {@code on} (any case) means offline;
     *   <li>{@code HF_HUB_DOWNLOAD_TIMEOUT}: seconds, default 10.
     * </ul>
     *
     * Blank values count as unset. A leading {@code ~} in a path means {@code userHome}.
     *
     * @param env the environment variables
     * @param userHome the user's home folder
     * @return the options
     * @throws IllegalArgumentException if a variable holds an unusable value (the message names it)
     * @throws UncheckedIOException if the token file exists but cannot be read
     */
    public static HubOptions fromEnvironment(Map<String, String> env, Path userHome) {
        Objects.requireNonNull(env, "env must not be null");
        Objects.requireNonNull(userHome, "userHome must not be null");
        URI endpoint = get(env, "HF_ENDPOINT")
                .map(value -> parseEndpoint("HF_ENDPOINT", value))
                .orElse(DEFAULT_ENDPOINT);
        Path xdgCache =
                get(env, "XDG_CACHE_HOME").map(value -> expand(value, userHome)).orElse(userHome.resolve(".cache"));
        Path hfHome = get(env, "HF_HOME").map(value -> expand(value, userHome)).orElse(xdgCache.resolve("huggingface"));
        Path hubCache = get(env, "HF_HUB_CACHE")
                .or(() -> get(env, "HUGGINGFACE_HUB_CACHE"))
                .map(value -> expand(value, userHome))
                .orElse(hfHome.resolve("hub"));
        Path tokenFile =
                get(env, "HF_TOKEN_PATH").map(value -> expand(value, userHome)).orElse(hfHome.resolve("token"));
        String token = get(env, "HF_TOKEN")
                .or(() -> get(env, "HUGGING_FACE_HUB_TOKEN"))
                .map(HubOptions::cleanToken)
                .orElseGet(() -> readTokenFile(tokenFile));
        NetworkMode mode = get(env, "HF_HUB_OFFLINE")
                        .map(value -> TRUE_VALUES.contains(value.strip().toUpperCase(Locale.ROOT)))
                        .orElse(false)
                ? NetworkMode.OFFLINE
                : NetworkMode.ONLINE;
        Duration timeout = get(env, "HF_HUB_DOWNLOAD_TIMEOUT")
                .map(value -> parseSeconds("HF_HUB_DOWNLOAD_TIMEOUT", value))
                .orElse(DEFAULT_TIMEOUT);
        return new HubOptions(endpoint, hubCache, token, mode, timeout, DEFAULT_RETRIES, DEFAULT_BACKOFF);
    }

    /** The token to send, empty for anonymous access. */
    public Optional<String> bearerToken() {
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    public HubOptions withToken(String newToken) {
        return new HubOptions(endpoint, hubCache, newToken, networkMode, timeout, maxRetries, retryBackoff);
    }

    public HubOptions withNetworkMode(NetworkMode newMode) {
        return new HubOptions(endpoint, hubCache, token, newMode, timeout, maxRetries, retryBackoff);
    }

    public HubOptions withTimeout(Duration newTimeout) {
        return new HubOptions(endpoint, hubCache, token, networkMode, newTimeout, maxRetries, retryBackoff);
    }

    public HubOptions withRetries(int newMaxRetries, Duration newBackoff) {
        return new HubOptions(endpoint, hubCache, token, networkMode, timeout, newMaxRetries, newBackoff);
    }

    /** Like the generated one, but never prints the token. */
    @Override
    public String toString() {
        return "HubOptions[endpoint=" + endpoint + ", hubCache=" + hubCache + ", token="
                + (token.isEmpty() ? "none" : "<set>") + ", networkMode=" + networkMode + ", timeout=" + timeout
                + ", maxRetries=" + maxRetries + ", retryBackoff=" + retryBackoff + "]";
    }

    private static URI checkEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme();
        if (!endpoint.isAbsolute()
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                || endpoint.getHost() == null
                || endpoint.getRawQuery() != null
                || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "endpoint must be an http(s) URL without query, e.g. https://huggingface.co, got " + endpoint);
        }
        String text = endpoint.toString();
        return text.endsWith("/") ? URI.create(text.replaceAll("/+$", "")) : endpoint;
    }

    private static URI parseEndpoint(String variable, String value) {
        try {
            return checkEndpoint(new URI(value.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    variable + " must be an http(s) URL such as https://huggingface.co, got '" + value + "'", e);
        }
    }

    private static Duration parseSeconds(String variable, String value) {
        try {
            double seconds = Double.parseDouble(value.strip());
            if (!(seconds > 0) || seconds > 86_400) {
                throw new NumberFormatException("out of range");
            }
            return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    variable + " must be a number of seconds in (0, 86400], got '" + value + "'", e);
        }
    }

    private static Optional<String> get(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static Path expand(String value, Path userHome) {
        String path = value.strip();
        if (path.equals("~")) {
            return userHome;
        }
        if (path.startsWith("~/")) {
            return userHome.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    private static String cleanToken(String raw) {
        return raw.replace("\r", "").replace("\n", "").strip();
    }

    private static String readTokenFile(Path tokenFile) {
        if (!Files.isRegularFile(tokenFile)) {
            return "";
        }
        try {
            return cleanToken(Files.readString(tokenFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the Hugging Face token file " + tokenFile
                            + " (set HF_TOKEN, or fix the file's permissions): " + e.getMessage(),
                    e);
        }
    }
}
