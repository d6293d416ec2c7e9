package dev.rerank4j.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.ProgressListener;
import dev.rerank4j.hub.HubException.Kind;
import dev.rerank4j.hub.UploadHttp.Answer;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The git LFS part of an upload, as huggingface_hub's {@code post_lfs_batch_info} and {@code lfs_upload} (basic
 * transfer): one batch call for the objects, a PUT of each object the storage lacks to the {@code href} it names, and
 * the {@code verify} call when the batch answer has one.
 */
final class LfsUpload {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 256;
    private static final String LFS_JSON = "application/vnd.git-lfs+json";

    private final UploadHttp http;
    private final UploadCalls calls;
    private final ProgressListener progress;

    LfsUpload(UploadHttp http, UploadCalls calls, ProgressListener progress) {
        this.http = http;
        this.calls = calls;
        this.progress = progress;
    }

    /**
     * Uploads the objects the storage lacks.
     *
     * @return the repository paths whose content was sent (the others were in the storage already)
     */
    List<String> upload(List<LocalFile> files, String revision) {
        List<String> sent = new ArrayList<>();
        for (int from = 0; from < files.size(); from += BATCH) {
            List<LocalFile> chunk = files.subList(from, Math.min(files.size(), from + BATCH));
            for (JsonNode object : batch(chunk, revision)) {
                JsonNode upload = object.path("actions").path("upload");
                if (upload.isMissingNode()) {
                    continue; // already in the storage
                }
                LocalFile file = byOid(chunk, object);
                if (upload.path("header").has("chunk_size")) {
                    throw new HubException(
                            Kind.HTTP_ERROR,
                            "the hub asked for a multipart upload of "
                                    + file.pathInRepo() + " (" + file.size()
                                    + " bytes); rerank4j sends files in one piece:"
                                    + " upload this file with huggingface_hub (hf upload)");
                }
                http.put(href(upload, file), file, progress);
                JsonNode verify = object.path("actions").path("verify");
                if (!verify.isMissingNode()) {
                    verify(href(verify, file), file);
                }
                sent.add(file.pathInRepo());
            }
        }
        return sent;
    }

    private JsonNode batch(List<LocalFile> chunk, String revision) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("operation", "upload");
        payload.putArray("transfers").add("basic");
        ArrayNode objects = payload.putArray("objects");
        for (LocalFile f : chunk) {
            objects.addObject().put("oid", f.sha256()).put("size", f.size());
        }
        payload.put("hash_algo", "sha256");
        payload.putObject("ref").put("name", revision);
        String what = "the LFS batch call for " + calls.repo();
        Answer answer = http.post(calls.lfsBatch(), LFS_JSON, HubUploader.bytes(payload), what);
        if (answer.status() != 200) {
            throw calls.failure(answer, what, true);
        }
        JsonNode objectsAnswered = calls.json(answer, what).path("objects");
        if (!objectsAnswered.isArray()) {
            throw new HubException(Kind.HTTP_ERROR, "malformed LFS batch answer for " + calls.repo() + ": no objects");
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode object : objectsAnswered) {
            if (object.has("error")) {
                errors.add(byOid(chunk, object).pathInRepo() + ": "
                        + object.path("error").path("message").asText() + " (code "
                        + object.path("error").path("code").asText() + ")");
            }
        }
        if (!errors.isEmpty()) {
            throw new HubException(
                    Kind.HTTP_ERROR, "the LFS storage of " + calls.repo() + " refused " + String.join("; ", errors));
        }
        return objectsAnswered;
    }

    private void verify(URI url, LocalFile file) {
        ObjectNode payload = JSON.createObjectNode().put("oid", file.sha256()).put("size", file.size());
        String what = "the LFS verification of " + file.pathInRepo();
        Answer answer = http.post(url, LFS_JSON, HubUploader.bytes(payload), what);
        if (answer.status() / 100 != 2) {
            throw calls.failure(answer, what, true);
        }
    }

    private LocalFile byOid(List<LocalFile> chunk, JsonNode object) {
        Map<String, LocalFile> byOid = new HashMap<>();
        chunk.forEach(f -> byOid.put(f.sha256(), f));
        LocalFile f = byOid.get(object.path("oid").asText());
        if (f == null) {
            throw new HubException(
                    Kind.HTTP_ERROR,
                    "the LFS batch answer for " + calls.repo() + " names an object that was not asked for: "
                            + object.path("oid").asText());
        }
        return f;
    }

    private URI href(JsonNode action, LocalFile file) {
        String href = action.path("href").asText("");
        return HubUrls.follow(calls.endpoint(), href)
                .orElseThrow(() -> new HubException(
                        Kind.HTTP_ERROR,
                        "the LFS batch answer for " + file.pathInRepo() + " has no usable href: '" + href + "'"));
    }
}
