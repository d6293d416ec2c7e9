package dev.rerank4j.hub;

import dev.rerank4j.hub.HubException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the hub: HEAD for file metadata, GET for listings and bodies, with retries, redirects handled
 * by hand so that the token only ever goes to the endpoint's own origin, and a stall timeout on bodies.
 */
final class HubHttp {
    private static final Logger LOG = LoggerFactory.getLogger(HubHttp.class);
    private static final int MAX_REDIRECTS = 10;
    private static final String USER_AGENT =
            "rerank4j-hub; java/" + Runtime.version().feature();

    private final HubOptions options;
    private final HttpClient client;

    /** What a finished download wrote. */
    record Downloaded(long bytes, String sha256) {}

    HubHttp(HubOptions options) {
        this.options = options;
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * HEAD {@code url}, following redirects that stay on the hub's origin (a renamed repository, a resolve cache)
     * like huggingface_hub's {@code get_hf_file_metadata}; the answer of a redirect elsewhere (to a CDN) carries the
     * metadata and is returned as is. Answers with 5xx or 429 are retried and then thrown; other answers, errors
     * included, are returned.
     */
    HttpResponse<Void> head(URI url, HubRequest request) {
        return retrying(() -> {
            URI current = url;
            for (int hop = 0; ; hop++) {
                HttpRequest head = builder(current)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("Accept-Encoding", "identity")
                        .build();
                HttpResponse<Void> response =
                        awaitSmall(client.sendAsync(head, HttpResponse.BodyHandlers.discarding()), request, current);
                Optional<URI> next = hubRedirect(response, hop);
                if (next.isEmpty()) {
                    throwIfUnavailable(response, request);
                    return response;
                }
                current = next.get();
            }
        });
    }

    /** GET a JSON document (a repository listing), following redirects on the hub's origin; non-200 is thrown. */
    byte[] getJson(URI url, HubRequest request) {
        return retrying(() -> {
            URI current = url;
            for (int hop = 0; ; hop++) {
                HttpRequest get = builder(current)
                        .GET()
                        .header("Accept", "application/json")
                        .build();
                HttpResponse<byte[]> response =
                        awaitSmall(client.sendAsync(get, HttpResponse.BodyHandlers.ofByteArray()), request, current);
                Optional<URI> next = hubRedirect(response, hop);
                if (next.isPresent()) {
                    current = next.get();
                } else if (response.statusCode() == 200) {
                    return response.body();
                } else {
                    throw request.httpFailure(response.statusCode(), response.headers(), current);
                }
            }
        });
    }

    /**
     * GET {@code url} into {@code target} (truncated first), following every redirect; the token goes only to the
     * endpoint's origin, never to a CDN. Retried from scratch after connection failures, stalls and 5xx.
     *
     * @param expectedSize the size the metadata announced, or -1
     */
    Downloaded download(URI url, HubRequest request, Path target, long expectedSize, DownloadListener listener) {
        return retrying(() -> downloadOnce(url, request, target, expectedSize, listener));
    }

    private Downloaded downloadOnce(
            URI url, HubRequest request, Path target, long expectedSize, DownloadListener listener) {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Fetched fetched = getInto(current, request, target, expectedSize, listener);
            HttpResponse<Long> response = fetched.response();
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                current =
                        HubUrls.follow(current, location.get()).orElseThrow(() -> badRedirect(request, location.get()));
                continue;
            }
            if (status != 200) {
                throw downloadFailure(request, response, current);
            }
            BodySink sink = fetched.sink();
            long declared = sink.declaredLength();
            if (declared >= 0 && declared != sink.received()) {
                throw new HubException(
                        Kind.CONNECTION,
                        "the connection to " + HubUrls.hostAndPort(current) + " closed after " + sink.received()
                                + " of " + declared + " bytes of " + request.what() + ": retry",
                        status,
                        null);
            }
            return new Downloaded(sink.received(), sink.sha256Hex());
        }
        throw new HubException(
                Kind.HTTP_ERROR, "more than " + MAX_REDIRECTS + " redirects while downloading " + request.what());
    }

    private record Fetched(HttpResponse<Long> response, BodySink sink) {}

    /** One GET; a 200 body goes into {@code target}, any other body is dropped. */
    private Fetched getInto(URI url, HubRequest request, Path target, long expectedSize, DownloadListener listener) {
        try (FileChannel channel =
                FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            AtomicReference<BodySink> sinkRef = new AtomicReference<>();
            HttpRequest get =
                    builder(url).GET().header("Accept-Encoding", "identity").build();
            CompletableFuture<HttpResponse<Long>> future = client.sendAsync(get, info -> {
                long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
                BodySink created =
                        info.statusCode() == 200 ? BodySink.into(channel, target, length) : BodySink.discarding();
                sinkRef.set(created);
                return created;
            });
            TransferProgress transfer = new TransferProgress(request.filename(), expectedSize, listener);
            HttpResponse<Long> response;
            try {
                response = awaitBody(future, sinkRef, transfer, request, url);
            } finally {
                transfer.finish();
            }
            channel.force(false);
            return new Fetched(response, sinkRef.get());
        } catch (IOException e) {
            throw new HubException(Kind.CACHE_IO, "cannot write " + target + " (" + e + "): check the cache folder", e);
        }
    }

    /** The hub's own errors keep their meaning; a CDN's 4xx (say, an expired signed URL) does not mean "no file". */
    private HubException downloadFailure(HubRequest request, HttpResponse<Long> response, URI url) {
        HubException failure = request.httpFailure(response.statusCode(), response.headers(), url);
        if (HubUrls.sameOrigin(url, options.endpoint()) || failure.kind().retriable()) {
            return failure;
        }
        return new HubException(
                Kind.HTTP_ERROR,
                "the download server " + HubUrls.redacted(url) + " answered HTTP " + response.statusCode() + " for "
                        + request.what() + ": retry; if it persists, the hub's storage is at fault",
                response.statusCode(),
                null);
    }

    /** Waits for a body, reporting progress from this thread and aborting when the server stalls. */
    private HttpResponse<Long> awaitBody(
            CompletableFuture<HttpResponse<Long>> future,
            AtomicReference<BodySink> sinkRef,
            TransferProgress transfer,
            HubRequest request,
            URI url) {
        Duration timeout = options.timeout();
        long pollMillis = Math.max(1, Math.min(timeout.toMillis(), 200));
        while (true) {
            try {
                HttpResponse<Long> response = future.get(pollMillis, TimeUnit.MILLISECONDS);
                transfer.report(sinkRef.get());
                return response;
            } catch (TimeoutException e) {
                BodySink sink = sinkRef.get();
                if (sink == null) {
                    continue; // waiting for headers: the request timeout covers that
                }
                transfer.report(sink);
                if (sink.idleNanos() > timeout.toNanos()) {
                    HubException stalled =
                            request.connectionFailure(new HttpTimeoutException("body stalled"), url, timeout);
                    sink.abort(stalled);
                    future.cancel(true);
                    throw stalled;
                }
            } catch (ExecutionException e) {
                throw failure(e.getCause(), request, url);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                throw new HubException(Kind.CONNECTION, "interrupted while fetching " + request.what(), e);
            }
        }
    }

    private <T> HttpResponse<T> awaitSmall(CompletableFuture<HttpResponse<T>> future, HubRequest request, URI url) {
        Duration cap = options.timeout().multipliedBy(3);
        try {
            return future.get(cap.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw request.connectionFailure(new HttpTimeoutException("no complete answer"), url, cap);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), request, url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new HubException(Kind.CONNECTION, "interrupted while fetching " + request.what(), e);
        }
    }

    private HttpRequest.Builder builder(URI url) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(url).timeout(options.timeout()).header("User-Agent", USER_AGENT);
        if (HubUrls.sameOrigin(url, options.endpoint())) {
            options.bearerToken().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        }
        return builder;
    }

    /** The target of a redirect to the same origin (relative or absolute), the only ones metadata calls follow. */
    private static Optional<URI> hubRedirect(HttpResponse<?> response, int hop) {
        int status = response.statusCode();
        Optional<URI> target = response.headers()
                .firstValue("Location")
                .flatMap(location -> HubUrls.follow(response.uri(), location))
                .filter(uri -> HubUrls.sameOrigin(uri, response.uri()));
        if (status < 300 || status >= 400 || target.isEmpty()) {
            return Optional.empty();
        }
        if (hop >= MAX_REDIRECTS) {
            throw new HubException(
                    Kind.HTTP_ERROR,
                    "more than " + MAX_REDIRECTS + " redirects from " + HubUrls.redacted(response.uri()));
        }
        return target;
    }

    private static void throwIfUnavailable(HttpResponse<?> response, HubRequest request) {
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw request.httpFailure(status, response.headers(), response.uri());
        }
    }

    private HubException failure(Throwable cause, HubRequest request, URI url) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HubException) {
                return (HubException) t;
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return request.connectionFailure(t, url, options.timeout());
            }
        }
        return request.connectionFailure(cause, url, options.timeout());
    }

    private static HubException badRedirect(HubRequest request, String location) {
        return new HubException(
                Kind.HTTP_ERROR, "unusable redirect to '" + location + "' while downloading " + request.what());
    }

    private <T> T retrying(Supplier<T> attempt) {
        long backoffMillis = options.retryBackoff().toMillis();
        for (int failures = 1; ; failures++) {
            try {
                return attempt.get();
            } catch (HubException e) {
                if (!e.kind().retriable() || failures > options.maxRetries()) {
                    throw failures == 1 ? e : e.withDetail(" (failed " + failures + " times)");
                }
                LOG.warn("{}; retrying in {} ms", e.getMessage(), backoffMillis);
                pause(backoffMillis, e);
                backoffMillis *= 2;
            }
        }
    }

    private static void pause(long millis, HubException cause) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cause.withDetail(" (interrupted while waiting to retry)");
        }
    }
}
