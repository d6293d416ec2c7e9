package dev.rerank4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.testing.TinyModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rerank4j serve} as a real process: it serves, and SIGTERM stops it gracefully with exit code 0. */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("Serving .* on (http://\\S+/)");

    @TempDir
    Path tmp;

    @Test
    void sigtermFinishesTheRequestsInFlightThenExitsZero() throws Exception {
        Path model = TinyModels.reranker(tmp.resolve("tiny-bert"), Architecture.BERT);
        // A small token budget makes each request many forward passes, so requests are in flight at the signal.
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xmx1g",
                        Main.class.getName(),
                        "serve",
                        "--model",
                        model.toString(),
                        "--port",
                        "0",
                        "--max-batch-tokens",
                        "64",
                        "--max-client-batch-size",
                        "4")
                .redirectErrorStream(true)
                .start();
        try {
            StringBuilder log = new StringBuilder();
            URI base = awaitListening(server, log);
            HttpClient client = HttpClient.newHttpClient();
            assertThat(client.send(
                                    HttpRequest.newBuilder(base.resolve("health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);

            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                inFlight.add(client.sendAsync(rerank(base, 600), HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(700);
            assertThat(inFlight).noneMatch(CompletableFuture::isDone);
            // A real SIGTERM (Process.destroy would also close our end of the server's output).
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(server.pid()))
                            .start()
                            .waitFor())
                    .isZero();

            for (CompletableFuture<HttpResponse<String>> f : inFlight) {
                HttpResponse<String> answer = f.get(120, TimeUnit.SECONDS);
                assertThat(answer.statusCode())
                        .as(() -> answer.body() + "\n" + log)
                        .isEqualTo(200);
                assertThat(JSON.readTree(answer.body())).hasSize(600);
            }
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isZero();
            drain(server, log);
            assertThat(log).contains("Stopping").contains("Stopped");
            assertThatThrownBy(() -> client.send(rerank(base, 1), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class);
        } finally {
            server.destroyForcibly();
        }
    }

    private static HttpRequest rerank(URI base, int documents) {
        ObjectNode body = JSON.createObjectNode().put("query", "how many people live in berlin");
        for (int i = 0; i < documents; i++) {
            body.withArray("texts").add("berlin is the capital of germany and " + i + " people live in the city");
        }
        return HttpRequest.newBuilder(base.resolve("rerank"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private static URI awaitListening(Process server, StringBuilder log) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        AtomicReference<URI> uri = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        uri.set(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (uri.get() == null) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                Thread.sleep(200);
                synchronized (log) {
                    throw new AssertionError("the server did not start:\n" + log);
                }
            }
            Thread.sleep(50);
        }
        return uri.get();
    }

    private static void drain(Process server, StringBuilder log) throws InterruptedException {
        // The reader thread sees the end of the stream once the process exits.
        for (int i = 0; i < 50 && !log.toString().contains("Stopped"); i++) {
            Thread.sleep(100);
        }
    }
}
