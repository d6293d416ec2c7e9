package dev.rerank4j.hub;

import dev.rerank4j.hub.HubException.Kind;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams a response body into a file while hashing it (or discards it), one buffer list at a time, and notes
 * when bytes last arrived so that a stalled transfer can be {@linkplain #abort aborted}. The body is never held in
 * memory.
 */
final class BodySink implements HttpResponse.BodySubscriber<Long> {
    private final FileChannel channel; // null: the body is discarded
    private final Path target;
    private final long declaredLength;
    private final MessageDigest sha256;
    private final CompletableFuture<Long> body = new CompletableFuture<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final AtomicLong received = new AtomicLong();
    private volatile long lastActivityNanos = System.nanoTime();

    /** {@code channel} null: discard the body. */
    private BodySink(FileChannel channel, Path target, long declaredLength) {
        this.channel = channel;
        this.target = target;
        this.declaredLength = declaredLength;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }

    /**
     * Writes the body to {@code channel} (the file {@code target}, named in errors).
     *
     * @param declaredLength the answer's {@code Content-Length}, or -1
     */
    static BodySink into(FileChannel channel, Path target, long declaredLength) {
        return new BodySink(Objects.requireNonNull(channel, "channel"), target, declaredLength);
    }

    /** Reads and drops the body (of a redirect or an error answer). */
    static BodySink discarding() {
        return new BodySink(null, Path.of(""), -1);
    }

    /** The answer's {@code Content-Length}, or -1. */
    long declaredLength() {
        return declaredLength;
    }

    boolean writesFile() {
        return channel != null;
    }

    long received() {
        return received.get();
    }

    long idleNanos() {
        return System.nanoTime() - lastActivityNanos;
    }

    /** The SHA-256 of the bytes written so far, as 64 lower-case hex digits. */
    String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Stops the transfer: the body completes with {@code reason} and the connection is cancelled. */
    void abort(Throwable reason) {
        body.completeExceptionally(reason);
        Flow.Subscription current = subscription.get();
        if (current != null) {
            current.cancel();
        }
    }

    @Override
    public CompletionStage<Long> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        if (!subscription.compareAndSet(null, newSubscription) || body.isDone()) {
            newSubscription.cancel();
            return;
        }
        lastActivityNanos = System.nanoTime();
        newSubscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                int length = buffer.remaining();
                if (channel != null) {
                    sha256.update(buffer.duplicate());
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
                received.addAndGet(length);
            }
        } catch (IOException e) {
            abort(new HubException(
                    Kind.CACHE_IO,
                    "cannot write " + target + " (" + e + "): check free disk space and permissions of the cache",
                    e));
            return;
        }
        lastActivityNanos = System.nanoTime();
        subscription.get().request(1);
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        body.complete(received.get());
    }
}
