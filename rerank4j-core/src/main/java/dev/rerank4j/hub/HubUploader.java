package dev.rerank4j.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.ProgressListener;
import dev.rerank4j.hub.HubException.Kind;
import dev.rerank4j.hub.UploadHttp.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads a local folder (a saved model) to a hub repository, as huggingface_hub's {@code create_repo(exist_ok=True)}
 * then {@code upload_folder} do, over the same HTTP API:
 *
 * <ol>
 *   <li>{@code POST /api/repos/create} {@code {"name", "organization", "visibility"}}; 409 (exists) is fine;
 *   <li>{@code POST /api/{type}s/{repo}/preupload/{revision}} with each file's path, size and first 512 bytes
 *       (base64): the hub answers per file {@code uploadMode} ({@code lfs} or {@code regular}), {@code shouldIgnore}
 *       and the {@code oid} it holds, so unchanged files are skipped;
 *   <li>LFS files: {@code POST {repo}.git/info/lfs/objects/batch} ({@code operation: upload}, {@code transfers:
 *       [basic]}, objects by SHA-256 {@code oid} and {@code size}); each object the storage lacks is PUT to the
 *       {@code href} the hub hands out (no token goes to another origin), then {@code verify}ed when asked;
 *   <li>{@code POST /api/{type}s/{repo}/commit/{revision}} with NDJSON: a {@code header} line ({@code summary},
 *       {@code description}), a {@code file} line per regular file ({@code content} base64, {@code path},
 *       {@code encoding}), an {@code lfsFile} line per LFS file ({@code path}, {@code algo: sha256}, {@code oid},
 *       {@code size}).
 * </ol>
 *
 * <p>The commit is sent only once every LFS upload has succeeded, so a failed upload leaves the repository as it
 * was. A dropped or failed PUT is retried {@link HubOptions#maxRetries()} times. A token is required ({@code
 * HF_TOKEN}, the token file); it is never logged.
 */
public final class HubUploader {
    private static final Logger LOG = LoggerFactory.getLogger(HubUploader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PREUPLOAD_CHUNK = 256;

    private final HubOptions options;
    private final ProgressListener progress;

    /**
     * @param options endpoint, token (required), timeouts and retries; offline options are refused at upload time
     * @param progress told about each LFS file's bytes as they are sent
     */
    public HubUploader(HubOptions options, ProgressListener progress) {
        this.options = Objects.requireNonNull(options, "options must not be null");
        this.progress = Objects.requireNonNull(progress, "progress must not be null");
    }

    /** An uploader configured from the environment ({@link HubOptions#fromEnvironment()}). */
    public static HubUploader fromEnvironment(ProgressListener progress) {
        return new HubUploader(HubOptions.fromEnvironment(), progress);
    }

    /**
     * Uploads every file of the request's folder in one commit.
     *
     * @throws HubException {@link Kind#INVALID_UPLOAD} for a missing or empty folder, {@link Kind#ACCESS_DENIED} for a
     *     missing or refused token, {@link Kind#CONNECTION} when an upload keeps dropping (nothing is committed then),
     *     and the other kinds for hub errors
     */
    public UploadResult upload(UploadRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        RepoId repo = new RepoId(request.repoId(), request.type());
        List<LocalFile> files = LocalFile.scan(request.folder());
        if (options.networkMode() == NetworkMode.OFFLINE) {
            throw new HubException(
                    Kind.CONNECTION,
                    "cannot push to " + repo + " while offline (HF_HUB_OFFLINE=1):" + " unset HF_HUB_OFFLINE");
        }
        if (options.bearerToken().isEmpty()) {
            throw new HubException(
                    Kind.ACCESS_DENIED,
                    "pushing to " + repo + " needs an access token with write"
                            + " access and none is set: set HF_TOKEN (or pass --token), or log in with `hf auth login`,"
                            + " which writes the token file in HF_HOME");
        }
        UploadHttp http = new UploadHttp(options);
        UploadCalls calls = new UploadCalls(options.endpoint(), repo, request.revision());
        createRepo(http, calls, repo, request.visibility());
        Map<String, JsonNode> modes = preupload(http, calls, files);
        List<LocalFile> regular = new ArrayList<>();
        List<LocalFile> lfs = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (LocalFile f : files) {
            JsonNode info = modes.get(f.pathInRepo());
            if (info == null) {
                throw new HubException(
                        Kind.HTTP_ERROR, "the hub's preupload answer for " + repo + " lacks " + f.pathInRepo());
            }
            boolean asLfs = info.path("uploadMode").asText().equals("lfs") && f.size() > 0;
            String remoteOid = info.path("oid").asText("");
            if (info.path("shouldIgnore").asBoolean(false)) {
                LOG.info("{} is ignored by the repository's .gitignore; not uploaded", f.pathInRepo());
            } else if (remoteOid.equals(asLfs ? f.sha256() : f.gitSha1())) {
                unchanged.add(f.pathInRepo());
            } else {
                (asLfs ? lfs : regular).add(f);
            }
        }
        if (regular.isEmpty() && lfs.isEmpty()) {
            LOG.info("no file of {} changed since the last commit to {}: nothing to commit", request.folder(), repo);
            String head = headCommit(http, calls, repo);
            return new UploadResult(repo.id(), request.revision(), head, "", List.of(), List.of(), unchanged);
        }
        List<String> uploaded;
        try {
            uploaded = new LfsUpload(http, calls, progress).upload(lfs, request.revision());
        } catch (HubException e) {
            throw e.withDetail("; nothing was committed to " + repo + ": push again once the problem is solved");
        }
        JsonNode commit = commit(http, calls, request, regular, lfs);
        List<String> committed = new ArrayList<>();
        regular.forEach(f -> committed.add(f.pathInRepo()));
        lfs.forEach(f -> committed.add(f.pathInRepo()));
        return new UploadResult(
                repo.id(),
                request.revision(),
                commit.path("commitOid").asText(""),
                commit.path("commitUrl").asText(""),
                committed,
                uploaded,
                unchanged);
    }

    private void createRepo(UploadHttp http, UploadCalls calls, RepoId repo, Visibility visibility) {
        ObjectNode payload = JSON.createObjectNode();
        int slash = repo.id().indexOf('/');
        payload.put("name", slash < 0 ? repo.id() : repo.id().substring(slash + 1));
        if (slash < 0) {
            payload.putNull("organization");
        } else {
            payload.put("organization", repo.id().substring(0, slash));
        }
        if (visibility != Visibility.DEFAULT) {
            payload.put("visibility", visibility == Visibility.PRIVATE ? "private" : "public");
        }
        if (repo.type() != RepoType.MODEL) {
            payload.put("type", repo.type() == RepoType.DATASET ? "dataset" : "model");
        }
        Answer answer = http.post(calls.createRepo(), "application/json", bytes(payload), "creating " + repo);
        int status = answer.status();
        if (status == 200 || status == 201 || status == 409) {
            return;
        }
        if (status == 401 || status == 402 || status == 403) {
            // as huggingface_hub: a token without the right to create repositories may still write to an existing one
            Answer info = http.get(calls.repoInfo(), "the listing of " + repo);
            if (info.status() == 200) {
                return;
            }
        }
        throw calls.failure(answer, "creating " + repo, options.bearerToken().isPresent());
    }

    private Map<String, JsonNode> preupload(UploadHttp http, UploadCalls calls, List<LocalFile> files) {
        Map<String, JsonNode> modes = new HashMap<>();
        for (int from = 0; from < files.size(); from += PREUPLOAD_CHUNK) {
            ObjectNode payload = JSON.createObjectNode();
            ArrayNode list = payload.putArray("files");
            for (LocalFile f : files.subList(from, Math.min(files.size(), from + PREUPLOAD_CHUNK))) {
                list.addObject()
                        .put("path", f.pathInRepo())
                        .put("sample", Base64.getEncoder().encodeToString(f.sample()))
                        .put("size", f.size());
            }
            String what = "the preupload check of " + calls.repo();
            Answer answer = http.post(calls.preupload(), "application/json", bytes(payload), what);
            if (answer.status() != 200) {
                throw calls.failure(answer, what, true);
            }
            JsonNode answered = calls.json(answer, what).path("files");
            for (JsonNode f : answered) {
                String mode = f.path("uploadMode").asText("");
                if (!f.path("path").isTextual() || !(mode.equals("lfs") || mode.equals("regular"))) {
                    throw new HubException(
                            Kind.HTTP_ERROR, "malformed preupload answer for " + calls.repo() + ": " + f);
                }
                modes.put(f.path("path").asText(), f);
            }
        }
        return modes;
    }

    private JsonNode commit(
            UploadHttp http, UploadCalls calls, UploadRequest request, List<LocalFile> regular, List<LocalFile> lfs) {
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        ObjectNode header = JSON.createObjectNode();
        header.put("key", "header");
        header.putObject("value").put("summary", request.commitMessage()).put("description", "");
        line(ndjson, header);
        for (LocalFile f : regular) {
            ObjectNode op = JSON.createObjectNode().put("key", "file");
            op.putObject("value")
                    .put("content", base64(f))
                    .put("path", f.pathInRepo())
                    .put("encoding", "base64");
            line(ndjson, op);
        }
        for (LocalFile f : lfs) {
            ObjectNode op = JSON.createObjectNode().put("key", "lfsFile");
            op.putObject("value")
                    .put("path", f.pathInRepo())
                    .put("algo", "sha256")
                    .put("oid", f.sha256())
                    .put("size", f.size());
            line(ndjson, op);
        }
        String what = "the commit to " + calls.repo() + " at revision '" + request.revision() + "'";
        Answer answer = http.postOnce(calls.commit(), "application/x-ndjson", ndjson.toByteArray(), what);
        if (answer.status() != 200 && answer.status() != 201) {
            throw calls.failure(answer, what, true);
        }
        return calls.json(answer, what);
    }

    private String headCommit(UploadHttp http, UploadCalls calls, RepoId repo) {
        Answer answer = http.get(calls.repoInfo(), "the listing of " + repo);
        return answer.status() == 200
                ? calls.json(answer, "the listing of " + repo).path("sha").asText("")
                : "";
    }

    private static String base64(LocalFile f) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(f.file()));
        } catch (IOException e) {
            throw new HubException(Kind.INVALID_UPLOAD, "cannot read " + f.file() + " (" + e + ")", e);
        }
    }

    private static void line(ByteArrayOutputStream out, JsonNode node) {
        try {
            out.write(JSON.writeValueAsBytes(node));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
