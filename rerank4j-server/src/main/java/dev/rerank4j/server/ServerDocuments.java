package dev.rerank4j.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.Reranker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The fixed answers: {@code /info} (TEI's fields) and the OpenAPI document, built once at start. */
final class ServerDocuments {
    private final byte[] info;
    private final byte[] openApi;

    private ServerDocuments(byte[] info, byte[] openApi) {
        this.info = info;
        this.openApi = openApi;
    }

    static ServerDocuments of(Reranker reranker, ServerConfig config, ObjectMapper json) {
        ObjectNode info = json.createObjectNode();
        info.put("model_id", config.modelId());
        info.put("model_sha", config.revision());
        info.put("model_dtype", "float32");
        ObjectNode reranker1 = info.putObject("model_type").putObject("reranker");
        reranker1.putObject("id2label").put("0", "LABEL_0");
        reranker1.putObject("label2id").put("LABEL_0", 0);
        info.put("max_concurrent_requests", config.maxConcurrentRequests());
        info.put("max_input_length", reranker.maxLength());
        info.put("max_batch_tokens", config.maxBatchTokens());
        info.putNull("max_batch_requests");
        info.put("max_client_batch_size", config.maxClientBatchSize());
        info.put("max_documents", config.maxDocuments());
        info.put("payload_limit", config.payloadLimit());
        info.put("auto_truncate", true);
        info.put("tokenization_workers", 1);
        info.put("version", version());
        try {
            return new ServerDocuments(json.writeValueAsBytes(info), resource("openapi.json"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write /info: " + e.getOriginalMessage(), e);
        }
    }

    byte[] info() {
        return info.clone();
    }

    byte[] openApi() {
        return openApi.clone();
    }

    /** The rerank4j version this server was built from. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = ServerDocuments.class.getResourceAsStream("server.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read server.properties: " + e.getMessage(), e);
        }
        return p.getProperty("version", "unknown");
    }

    private static byte[] resource(String name) {
        try (InputStream in = ServerDocuments.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the rerank4j-server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
