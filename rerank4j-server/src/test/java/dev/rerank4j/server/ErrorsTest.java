package dev.rerank4j.server;

import static dev.rerank4j.server.TinyServerModel.DOCUMENTS;
import static dev.rerank4j.server.TinyServerModel.QUERY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.model.CrossEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests and bad clients: each gets its documented status and TEI's error body; the server keeps serving. */
class ErrorsTest {
    static final String KEY = "s3cret-key";
    static final String AUTH = "Bearer " + KEY;

    @TempDir
    static Path dir;

    static CrossEncoder model;
    static RerankServer server;
    static Http http;

    @BeforeAll
    static void start() {
        model = TinyServerModel.load(dir);
        ServerConfig config = ServerConfig.defaults("tiny-bert")
                .withAddress("127.0.0.1", 0)
                .withApiKey(KEY)
                .withBatching(16_384, 512, 32, 50)
                .withLimits(1_000_000, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(5));
        server = RerankServer.start(model, config);
        http = new Http(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    static String tei() {
        return "{\"query\": \"" + QUERY + "\", \"texts\": " + Http.JSON.valueToTree(DOCUMENTS) + "}";
    }

    static void assertError(Http.Answer a, int status, String type, String... inMessage) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        JsonNode body = a.json();
        assertThat(body.get("error_type").textValue()).isEqualTo(type);
        assertThat(body.get("error").textValue()).isNotBlank();
        for (String part : inMessage) {
            assertThat(body.get("error").textValue()).contains(part);
        }
    }

    @Test
    void theRightKeyIsServed() {
        assertThat(http.post("rerank", tei(), "Authorization", AUTH).status()).isEqualTo(200);
    }

    @Test
    void aMissingOrWrongKeyIs401OnEveryRouteButHealth() {
        assertError(http.post("rerank", tei()), 401, "Unauthorized", "Authorization: Bearer");
        assertError(http.post("rerank", tei(), "Authorization", "Bearer wrong"), 401, "Unauthorized");
        assertError(http.post("rerank", tei(), "Authorization", KEY), 401, "Unauthorized");
        assertThat(http.post("v1/rerank", "{}").raw().headers().firstValue("www-authenticate"))
                .contains("Bearer");
        assertThat(http.get("info").status()).isEqualTo(401);
        assertThat(http.get("metrics").status()).isEqualTo(401);
        assertThat(http.get("health").status()).isEqualTo(200);
    }

    @Test
    void malformedJsonIs400() {
        assertError(
                http.post("rerank", "{\"query\": \"q\", \"texts\": [", "Authorization", AUTH),
                400,
                "Validation",
                "not valid JSON");
        assertError(http.post("rerank", "{\"query\": \"q\"} trailing", "Authorization", AUTH), 400, "Validation");
        assertError(http.post("rerank", "", "Authorization", AUTH), 400, "Validation");
    }

    @Test
    void wrongTypesAre422NamingTheField() {
        assertError(
                post("{\"query\": 5, \"texts\": [\"a\"]}"),
                422,
                "Validation",
                "`query` must be a string, got a number");
        assertError(post("{\"query\": \"q\", \"texts\": \"a\"}"), 422, "Validation", "`texts` must be an array");
        assertError(
                post("{\"query\": \"q\", \"texts\": [\"a\", 3]}"), 422, "Validation", "`texts[1]` must be a string");
        assertError(
                post("{\"query\": \"q\", \"texts\": [\"a\"], \"raw_scores\": \"yes\"}"),
                422,
                "Validation",
                "`raw_scores`");
        assertError(
                post("{\"query\": \"q\", \"texts\": [\"a\"], \"top_n\": 0}"),
                422,
                "Validation",
                "`top_n` must be >= 1");
        assertError(post("{\"texts\": [\"a\"]}"), 422, "Validation", "missing field `query`");
        assertError(post("[1, 2]"), 422, "Validation", "JSON object");
        assertError(
                post("{\"query\": \"q\", \"texts\": [\"a\"], \"truncation_direction\": \"up\"}"),
                422,
                "Validation",
                "`truncation_direction` must be \"right\" or \"left\", got \"up\"");
        Http.Answer vendor =
                http.post("v1/rerank", "{\"query\": \"q\", \"documents\": [{\"txt\": 1}]}", "Authorization", AUTH);
        assertError(vendor, 422, "Validation", "`documents[0]` must be a string or an object with a string `text`");
        assertThat(vendor.json().get("message").textValue())
                .isEqualTo(vendor.json().get("error").textValue());
    }

    @Test
    void emptyTextsAre400Empty() {
        assertError(post("{\"query\": \"q\", \"texts\": []}"), 400, "Empty", "`texts` cannot be empty");
        assertError(
                http.post("v2/rerank", "{\"query\": \"q\", \"documents\": []}", "Authorization", AUTH),
                400,
                "Empty",
                "`documents` cannot be empty");
    }

    @Test
    void moreDocumentsThanTheHardCapAre422() {
        String texts =
                Http.JSON.valueToTree(TinyServerModel.documents(51, 3, 1)).toString();
        assertError(
                post("{\"query\": \"q\", \"texts\": " + texts + "}"),
                422,
                "Validation",
                "the most one request may hold is 50",
                "--max-documents");
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        assertError(http.get("nope", "Authorization", AUTH), 404, "NotFound", "/nope");
        Http.Answer a = http.get("rerank", "Authorization", AUTH);
        assertError(a, 405, "NotFound", "takes POST");
        assertThat(a.raw().headers().firstValue("allow")).contains("POST");
    }

    @Test
    void aTenMegabyteBodyIs413WithItsLengthAndWhenChunked() throws Exception {
        // Raw sockets: the JDK 17 HttpClient hangs on a final answer to Expect: 100-continue (JDK-8286171), and a
        // client that keeps sending must still read the early answer.
        byte[] big = tenMegabytes();
        String declared = "POST /rerank HTTP/1.1\r\nHost: x\r\nAuthorization: " + AUTH
                + "\r\nContent-Type: application/json\r\nContent-Length: " + big.length + "\r\n\r\n";
        String answer = exchange(declared.getBytes(StandardCharsets.US_ASCII), big, false);
        assertThat(answer)
                .startsWith("HTTP/1.1 413")
                .contains("\"error_type\":\"Validation\"")
                .contains("payload limit of 1000000 bytes");

        String chunked = "POST /rerank HTTP/1.1\r\nHost: x\r\nAuthorization: " + AUTH
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        answer = exchange(chunked.getBytes(StandardCharsets.US_ASCII), big, true);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("payload limit");
        assertThat(post(tei()).status()).isEqualTo(200);
    }

    /** Sends a head and a body (on another thread, as far as the server reads), and returns what the server answered. */
    private static String exchange(byte[] head, byte[] body, boolean chunked) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(head);
                    int step = 64 * 1024;
                    for (int at = 0; at < body.length; at += step) {
                        int n = Math.min(step, body.length - at);
                        if (chunked) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(body, at, n);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    // The server closed the connection after its answer: the rest is not wanted.
                }
            });
            writer.setDaemon(true);
            writer.start();
            String answer = readAll(s.getInputStream());
            writer.join(30_000);
            return answer;
        }
    }

    @Test
    void slowClientsAreCutAtTheIdleTimeoutWhileOthersAreServed() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", server.port())) {
            OutputStream out = slow.getOutputStream();
            // Slowloris: a request line and one header, then silence.
            out.write("POST /rerank HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(post(tei()).status()).isEqualTo(200);
            slow.setSoTimeout(15_000);
            long start = System.nanoTime();
            assertThat(readAll(slow.getInputStream())).doesNotContain("200 OK");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
        }
    }

    @Test
    void clientsThatDisconnectMidRequestLeaveTheServerServing() throws Exception {
        String body = tei();
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /rerank HTTP/1.1\r\nHost: x\r\nAuthorization: " + AUTH
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + (body.length() * 2)
                            + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            // A whole request, then gone before the answer.
            s.getOutputStream()
                    .write(("POST /rerank HTTP/1.1\r\nHost: x\r\nAuthorization: " + AUTH
                                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                                    + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(post(tei()).status()).isEqualTo(200);
        }
    }

    private static Http.Answer post(String body) {
        return http.post("rerank", body, "Authorization", AUTH);
    }

    private static byte[] tenMegabytes() {
        byte[] b = new byte[10 * 1024 * 1024];
        Arrays.fill(b, (byte) 'a');
        byte[] head = "{\"query\": \"q\", \"texts\": [\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        byte[] tail = "\"]}".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tail, 0, b, b.length - tail.length, tail.length);
        return b;
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
