package dev.rerank4j.hub;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP/1.1 server on 127.0.0.1 (one request per connection) that records every request (with its body) and
 * answers with scripted replies, including broken ones: a body cut short by a closed connection, or a body that
 * stalls; it can also drop a connection in the middle of a request's body (an upload cut short).
 */
final class FakeHubServer implements AutoCloseable {
    /** A recorded request; header names are lower case; the body is empty when none was sent (or it was dropped). */
    record Request(String method, String rawPath, Map<String, String> headers, byte[] body) {
        Request(String method, String rawPath, Map<String, String> headers) {
            this(method, rawPath, headers, new byte[0]);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** How the body of a reply is sent. */
    enum Delivery {
        WHOLE,
        /** Send {@code cutAfter} bytes of the body, then close the connection. */
        DROP,
        /** Send {@code cutAfter} bytes of the body, then go silent until the server closes. */
        STALL
    }

    /** A scripted reply; {@code Content-Length} is the body's length unless a header says otherwise. */
    record Reply(int status, Map<String, String> headers, byte[] body, Delivery delivery, int cutAfter) {
        static Reply status(int status) {
            return new Reply(status, Map.of(), new byte[0], Delivery.WHOLE, 0);
        }

        Reply header(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Reply(status, copy, body, delivery, cutAfter);
        }

        Reply body(byte[] newBody) {
            return new Reply(status, headers, newBody, delivery, cutAfter);
        }

        Reply cut(Delivery newDelivery, int bytes) {
            return new Reply(status, headers, body, newDelivery, bytes);
        }
    }

    @FunctionalInterface
    interface Handler {
        Reply handle(Request request);
    }

    private final ServerSocket server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Handler handler;
    private volatile java.util.function.ToIntFunction<Request> bodyCut = request -> -1;
    private volatile boolean closed;

    FakeHubServer(Handler handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-hub-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** This server under another origin ({@code localhost} instead of {@code 127.0.0.1}), like a CDN's. */
    URI otherOrigin() {
        return URI.create("http://localhost:" + server.getLocalPort());
    }

    void handler(Handler newHandler) {
        this.handler = newHandler;
    }

    /**
     * Decides, from a request's line and headers, after how many body bytes the server closes the connection without
     * answering (a negative number: read the whole body and answer). Such requests are recorded with an empty body.
     */
    void bodyCut(java.util.function.ToIntFunction<Request> cut) {
        this.bodyCut = cut;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    long count(String method, String pathPart) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.rawPath().contains(pathPart))
                .count();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread worker = new Thread(() -> serve(socket), "fake-hub-conn");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String[] requestLine = readLine(in).split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
            Request head = new Request(requestLine[0], requestLine[1], Map.copyOf(headers));
            int cut = bodyCut.applyAsInt(head);
            if (cut >= 0) {
                in.readNBytes(cut);
                requests.add(head);
                return; // closing the socket mid-body: the client sees its upload dropped
            }
            Request request = new Request(head.method(), head.rawPath(), head.headers(), readBody(in, head));
            requests.add(request);
            write(socket, request, handler.handle(request));
        } catch (IOException | RuntimeException e) {
            // The client went away, or the server is closing: nothing to answer.
        } finally {
            open.remove(socket);
        }
    }

    private void write(Socket socket, Request request, Reply reply) throws IOException {
        OutputStream out = socket.getOutputStream();
        StringBuilder head = new StringBuilder("HTTP/1.1 " + reply.status() + " Fake\r\n");
        boolean hasLength = reply.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Content-Length"));
        reply.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (!hasLength) {
            head.append("Content-Length: ").append(reply.body().length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (request.method().equals("HEAD")) {
            out.flush();
            return;
        }
        int length = reply.delivery() == Delivery.WHOLE ? reply.body().length : reply.cutAfter();
        out.write(reply.body(), 0, length);
        out.flush();
        if (reply.delivery() == Delivery.STALL) {
            waitUntilClosed();
        }
    }

    private void waitUntilClosed() {
        for (int i = 0; i < 600 && !closed; i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static byte[] readBody(InputStream in, Request head) throws IOException {
        Optional<String> length = head.header("Content-Length");
        if (length.isPresent()) {
            return in.readNBytes(Integer.parseInt(length.get().strip()));
        }
        if (head.header("Transfer-Encoding")
                .map(v -> v.equalsIgnoreCase("chunked"))
                .orElse(false)) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(readLine(in).strip(), 16);
                    size > 0;
                    size = Integer.parseInt(readLine(in).strip(), 16)) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
            readLine(in);
            return body.toByteArray();
        }
        return new byte[0];
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-request");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
