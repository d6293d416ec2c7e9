package dev.rerank4j.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without holding a thread while the client is slow, and stops at the payload limit: the
 * consumer gets the bytes, or {@link TooLarge} as soon as the body passes the limit (the rest is never read), or the
 * connection's failure.
 */
final class BodyReader implements Runnable {
    /** The body passed the payload limit. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the body is larger than " + limit + " bytes");
        }
    }

    private final Request request;
    private final long limit;
    private final BiConsumer<byte[], Throwable> done;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private BodyReader(Request request, long limit, BiConsumer<byte[], Throwable> done) {
        this.request = request;
        this.limit = limit;
        this.done = done;
    }

    /** Starts reading; {@code done} is called once, on whichever thread the last chunk arrives. */
    static void read(Request request, long limit, BiConsumer<byte[], Throwable> done) {
        new BodyReader(request, limit, done).run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                done.accept(null, chunk.getFailure());
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            if (body.size() + (long) buffer.remaining() > limit) {
                chunk.release();
                done.accept(null, new TooLarge(limit));
                return;
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            body.writeBytes(bytes);
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                done.accept(body.toByteArray(), null);
                return;
            }
        }
    }
}
