package dev.rerank4j.hub;

import dev.rerank4j.ProgressListener;
import dev.rerank4j.hub.HubException.Kind;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of an upload: JSON and NDJSON POSTs to the hub (with the token) and PUTs of file bodies to the
 * storage URLs the LFS batch call hands out (without it). Failed connections, 5xx and 429 are retried {@link
 * HubOptions#maxRetries()} times with doubling back-off, except the commit, which is sent once (a retried commit
 * whose answer was lost would commit twice).
 */
final class UploadHttp {
    private static final Logger LOG = LoggerFactory.getLogger(UploadHttp.class);
    private static final String USER_AGENT =
            "rerank4j-hub; java/" + Runtime.version().feature();
    /** The slowest upload speed a PUT is given time for, on top of the timeout. */
    private static final long MIN_BYTES_PER_SECOND = 256 * 1024;

    /** An answer: status, headers and body. */
    record Answer(int status, Map<String, java.util.List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e ->
                            e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse("");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HubOptions options;
    private final HttpClient client;

    UploadHttp(HubOptions options) {
        this.options = options;
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** POSTs {@code body} to the hub, retried on connection failures, 5xx and 429; any answer is returned. */
    Answer post(URI url, String contentType, byte[] body, String what) {
        return retrying(
                what,
                () -> available(
                        send(
                                hubRequest(url, accept(contentType))
                                        .header("Content-Type", contentType)
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                        .build(),
                                what,
                                url),
                        what,
                        url));
    }

    /** POSTs {@code body} to the hub once. */
    Answer postOnce(URI url, String contentType, byte[] body, String what) {
        return send(
                hubRequest(url, accept(contentType))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                what,
                url);
    }

    /** GETs a JSON document from the hub, retried like {@link #post}. */
    Answer get(URI url, String what) {
        return retrying(
                what,
                () -> available(send(hubRequest(url, "application/json").GET().build(), what, url), what, url));
    }

    /** Throws a retriable failure for 5xx and 429 answers. */
    private static Answer available(Answer answer, String what, URI url) {
        if (answer.status() == 429 || answer.status() >= 500) {
            throw new HubException(
                    Kind.SERVER_ERROR,
                    "the hub (" + HubUrls.hostAndPort(url) + ") answered HTTP " + answer.status() + " to " + what
                            + snippet(answer) + ": retry later",
                    answer.status(),
                    null);
        }
        return answer;
    }

    /**
     * PUTs a file to a storage URL (no token unless it is the hub's own origin), reporting bytes sent to {@code task};
     * retried from the start when the connection drops, and on 5xx or 429.
     */
    void put(URI url, LocalFile file, ProgressListener progress) {
        String what = "the upload of " + file.pathInRepo();
        retrying(what, () -> {
            try (ProgressListener.Task task = progress.start("Uploading " + file.pathInRepo(), file.size(), "bytes")) {
                return putOnce(url, file, task, what);
            }
        });
    }

    private Answer putOnce(URI url, LocalFile file, ProgressListener.Task task, String what) {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> counting(file, task)), file.size());
        Duration timeout = options.timeout().multipliedBy(3).plusSeconds(file.size() / MIN_BYTES_PER_SECOND);
        HttpRequest.Builder put = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("User-Agent", USER_AGENT)
                .PUT(body);
        if (HubUrls.sameOrigin(url, options.endpoint())) {
            options.bearerToken().ifPresent(token -> put.header("Authorization", "Bearer " + token));
        }
        Answer answer = send(put.build(), what, url);
        if (answer.status() == 429 || answer.status() >= 500) {
            throw new HubException(
                    Kind.SERVER_ERROR,
                    "the storage server " + HubUrls.redacted(url) + " answered HTTP " + answer.status() + " to " + what,
                    answer.status(),
                    null);
        }
        if (answer.status() / 100 != 2) {
            throw new HubException(
                    Kind.HTTP_ERROR,
                    "the storage server " + HubUrls.redacted(url) + " answered" + " HTTP " + answer.status() + " to "
                            + what + snippet(answer),
                    answer.status(),
                    null);
        }
        return answer;
    }

    private static InputStream counting(LocalFile file, ProgressListener.Task task) {
        try {
            return new FilterInputStream(Files.newInputStream(file.file())) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        task.step(n);
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file.file(), e);
        }
    }

    /** The git LFS API answers in its own media type; the hub's API in JSON. */
    private static String accept(String contentType) {
        return contentType.startsWith("application/vnd.git-lfs") ? contentType : "application/json";
    }

    private HttpRequest.Builder hubRequest(URI url, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .timeout(options.timeout().multipliedBy(3))
                .header("User-Agent", USER_AGENT)
                .header("Accept", accept);
        if (HubUrls.sameOrigin(url, options.endpoint())) {
            options.bearerToken().ifPresent(token -> b.header("Authorization", "Bearer " + token));
        }
        return b;
    }

    private Answer send(HttpRequest request, String what, URI url) {
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers().map(), r.body());
        } catch (HttpTimeoutException e) {
            throw new HubException(
                    Kind.TIMEOUT,
                    HubUrls.hostAndPort(url) + " did not answer " + what + " within "
                            + request.timeout().map(Duration::toSeconds).orElse(0L) + " s",
                    e);
        } catch (ConnectException e) {
            throw new HubException(
                    Kind.CONNECTION,
                    "cannot connect to " + HubUrls.hostAndPort(url) + " for " + what
                            + " (" + (e.getMessage() == null ? "connection refused" : e.getMessage())
                            + "): check the network or HF_ENDPOINT",
                    e);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new HubException(
                    Kind.CONNECTION,
                    "the connection to " + HubUrls.hostAndPort(url) + " dropped during " + what + " (" + e.getMessage()
                            + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(Kind.CONNECTION, "interrupted during " + what, e);
        }
    }

    /** The first 200 characters of an error body, for messages. */
    static String snippet(Answer answer) {
        String text = answer.text().strip();
        String said = answer.header("X-Error-Message");
        if (!said.isEmpty()) {
            return " (hub says: " + said + ")";
        }
        return text.isEmpty() ? "" : " (" + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + ")";
    }

    private <T> T retrying(String what, Supplier<T> attempt) {
        long backoffMillis = options.retryBackoff().toMillis();
        for (int failures = 1; ; failures++) {
            try {
                return attempt.get();
            } catch (HubException e) {
                if (!e.kind().retriable() || failures > options.maxRetries()) {
                    throw failures == 1 ? e : e.withDetail(" (failed " + failures + " times)");
                }
                LOG.warn("{}; retrying in {} ms", e.getMessage(), backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e.withDetail(" (interrupted while waiting to retry " + what + ")");
                }
                backoffMillis *= 2;
            }
        }
    }
}
