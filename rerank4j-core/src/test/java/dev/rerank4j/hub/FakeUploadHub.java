package dev.rerank4j.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.hub.FakeHubServer.Reply;
import dev.rerank4j.hub.FakeHubServer.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hub that accepts uploads the way huggingface.co does, strictly: {@code /api/repos/create} (409 when the
 * repository exists), {@code /api/models/{repo}} (the head commit), {@code preupload} (LFS for {@code .safetensors}
 * and binary samples, the oid of the committed file), the git LFS batch API (basic transfer, a PUT URL on another
 * origin that must get no token, a verify URL), the PUT storage (checks size and SHA-256), and the NDJSON {@code
 * commit} (checks every line; an {@code lfsFile} must name an object in the storage). Every hub call needs {@code
 * Bearer {token}}; a wrong one gets 401 as the hub answers it.
 */
final class FakeUploadHub implements FakeHubServer.Handler {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A committed file: its bytes and whether it is stored in LFS. */
    record Stored(byte[] content, boolean lfs) {}

    /** A commit as received. */
    record Commit(String summary, List<String> regularPaths, List<String> lfsPaths, String oid) {}

    private final String token;
    private volatile String readOnly = "";
    private final URI hub;
    private final URI storage;
    final Map<String, Map<String, Stored>> repos = new ConcurrentHashMap<>();
    final Map<String, String> heads = new ConcurrentHashMap<>();
    final Map<String, String> visibility = new ConcurrentHashMap<>();
    final Map<String, byte[]> lfsObjects = new ConcurrentHashMap<>();
    final List<Commit> commits = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeUploadHub(String token, URI hub, URI storage) {
        this.token = token;
        this.hub = hub;
        this.storage = storage;
    }

    @Override
    public Reply handle(Request r) {
        try {
            String path = r.rawPath();
            if (path.startsWith("/upload/")) {
                return store(r, path.substring("/upload/".length()).replaceAll("\\?.*", ""));
            }
            if (!readOnly.isEmpty() && r.header("Authorization").equals(Optional.of("Bearer " + readOnly))) {
                return r.method().equals("GET")
                        ? readable(r)
                        : Reply.status(403).header("X-Error-Message", "You don't have the rights to write here");
            }
            if (!r.header("Authorization").equals(Optional.of("Bearer " + token))) {
                return Reply.status(401).header("X-Error-Message", "Invalid credentials in Authorization header");
            }
            if (r.method().equals("POST") && path.equals("/api/repos/create")) {
                return create(JSON.readTree(r.body()));
            }
            if (r.method().equals("POST") && path.endsWith(".git/info/lfs/objects/batch")) {
                return batch(r);
            }
            if (r.method().equals("POST") && path.endsWith(".git/info/lfs/objects/verify")) {
                JsonNode v = JSON.readTree(r.body());
                byte[] stored = lfsObjects.get(v.path("oid").asText());
                return stored != null && stored.length == v.path("size").asLong() ? json("{}") : Reply.status(404);
            }
            for (String repo : repos.keySet()) {
                String api = "/api/models/" + repo;
                if (path.equals(api) && r.method().equals("GET")) {
                    return json("{\"id\": \"" + repo + "\", \"sha\": \"" + heads.get(repo) + "\"}");
                }
                if (path.startsWith(api + "/preupload/") && r.method().equals("POST")) {
                    return preupload(repo, r);
                }
                if (path.startsWith(api + "/commit/") && r.method().equals("POST")) {
                    return commit(repo, path.substring((api + "/commit/").length()), r);
                }
            }
            return Reply.status(404).header("X-Error-Code", "RepoNotFound");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Also accepts {@code readOnlyToken} for reading; writing with it gets 403, as a read-only token does. */
    void readOnlyToken(String readOnlyToken) {
        this.readOnly = readOnlyToken;
    }

    private Reply readable(Request r) {
        for (String repo : repos.keySet()) {
            if (r.rawPath().equals("/api/models/" + repo)) {
                return json("{\"id\": \"" + repo + "\", \"sha\": \"" + heads.get(repo) + "\"}");
            }
        }
        return Reply.status(404).header("X-Error-Code", "RepoNotFound");
    }

    private Reply create(JsonNode payload) {
        String org = payload.path("organization").asText("");
        String id = (org.isEmpty() ? "" : org + "/") + payload.path("name").asText();
        if (repos.containsKey(id)) {
            return Reply.status(409).header("X-Error-Message", "You already created this model repo");
        }
        repos.put(id, new ConcurrentHashMap<>());
        heads.put(id, sha1(("initial " + id).getBytes(StandardCharsets.UTF_8)));
        visibility.put(id, payload.path("visibility").asText("default"));
        return json("{\"url\": \"" + hub + "/" + id + "\", \"name\": \"" + id + "\"}");
    }

    private Reply preupload(String repo, Request r) throws IOException {
        expect(r, "Content-Type", "application/json");
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode files = answer.putArray("files");
        for (JsonNode f : JSON.readTree(r.body()).path("files")) {
            byte[] sample = Base64.getDecoder().decode(f.path("sample").asText());
            if (sample.length > 512) {
                problems.add("sample of " + f.path("path").asText() + " has " + sample.length + " bytes");
            }
            String path = f.path("path").asText();
            boolean lfs =
                    path.endsWith(".safetensors") || new String(sample, StandardCharsets.ISO_8859_1).contains("\0");
            ObjectNode out = files.addObject()
                    .put("path", path)
                    .put("uploadMode", lfs ? "lfs" : "regular")
                    .put("shouldIgnore", false);
            Stored stored = repos.get(repo).get(path);
            if (stored != null) {
                out.put("oid", stored.lfs() ? sha256(stored.content()) : gitSha1(stored.content()));
            } else {
                out.putNull("oid");
            }
        }
        return json(answer.toString());
    }

    private Reply batch(Request r) throws IOException {
        expect(r, "Content-Type", "application/vnd.git-lfs+json");
        expect(r, "Accept", "application/vnd.git-lfs+json");
        JsonNode payload = JSON.readTree(r.body());
        if (!payload.path("operation").asText().equals("upload")
                || !payload.path("hash_algo").asText().equals("sha256")
                || !payload.path("transfers").toString().contains("basic")) {
            problems.add("bad LFS batch payload " + payload);
        }
        ObjectNode answer = JSON.createObjectNode().put("transfer", "basic");
        ArrayNode objects = answer.putArray("objects");
        String repoPath = r.rawPath().substring(0, r.rawPath().indexOf(".git/"));
        for (JsonNode o : payload.path("objects")) {
            String oid = o.path("oid").asText();
            ObjectNode out = objects.addObject()
                    .put("oid", oid)
                    .put("size", o.path("size").asLong());
            if (!lfsObjects.containsKey(oid)) {
                ObjectNode actions = out.putObject("actions");
                actions.putObject("upload").put("href", storage + "/upload/" + oid + "?X-Amz-Signature=secret");
                actions.putObject("verify").put("href", hub + repoPath + ".git/info/lfs/objects/verify");
            }
        }
        return json(answer.toString()).header("Content-Type", "application/vnd.git-lfs+json");
    }

    private Reply store(Request r, String oid) {
        if (!r.method().equals("PUT")) {
            return Reply.status(405);
        }
        if (r.header("Authorization").isPresent()) {
            problems.add("the storage PUT of " + oid + " carried a token");
        }
        if (!sha256(r.body()).equals(oid)) {
            return Reply.status(400).body("BadDigest: SHA-256 mismatch".getBytes(StandardCharsets.UTF_8));
        }
        lfsObjects.put(oid, r.body());
        return Reply.status(200).header("ETag", "\"" + oid + "\"");
    }

    private Reply commit(String repo, String revision, Request r) throws IOException {
        expect(r, "Content-Type", "application/x-ndjson");
        if (!revision.equals("main")) {
            return Reply.status(404).header("X-Error-Code", "RevisionNotFound");
        }
        String[] lines = r.text().split("\n");
        JsonNode header = JSON.readTree(lines[0]);
        if (!header.path("key").asText().equals("header")
                || !header.path("value").has("summary")) {
            return Reply.status(400)
                    .body(("first line must be the header, got " + lines[0]).getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Stored> staged = new LinkedHashMap<>();
        List<String> regular = new ArrayList<>();
        List<String> lfs = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            JsonNode op = JSON.readTree(lines[i]);
            JsonNode v = op.path("value");
            switch (op.path("key").asText()) {
                case "file" -> {
                    if (!v.path("encoding").asText().equals("base64")) {
                        return Reply.status(400);
                    }
                    staged.put(
                            v.path("path").asText(),
                            new Stored(
                                    Base64.getDecoder().decode(v.path("content").asText()), false));
                    regular.add(v.path("path").asText());
                }
                case "lfsFile" -> {
                    byte[] object = lfsObjects.get(v.path("oid").asText());
                    if (object == null
                            || object.length != v.path("size").asLong()
                            || !v.path("algo").asText().equals("sha256")) {
                        return Reply.status(422)
                                .header(
                                        "X-Error-Message",
                                        "LFS object " + v.path("oid").asText() + " not found");
                    }
                    staged.put(v.path("path").asText(), new Stored(object, true));
                    lfs.add(v.path("path").asText());
                }
                default -> {
                    return Reply.status(400).body(("unknown key in " + lines[i]).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        repos.get(repo).putAll(staged);
        String oid = sha1((heads.get(repo) + r.text()).getBytes(StandardCharsets.UTF_8));
        heads.put(repo, oid);
        commits.add(new Commit(header.path("value").path("summary").asText(), regular, lfs, oid));
        return json("{\"commitUrl\": \"" + hub + "/" + repo + "/commit/" + oid + "\", \"commitOid\": \"" + oid
                + "\", \"pullRequestUrl\": null}");
    }

    private void expect(Request r, String header, String value) {
        if (!r.header(header).map(v -> v.startsWith(value)).orElse(false)) {
            problems.add(r.method() + " " + r.rawPath() + ": " + header + " is "
                    + r.header(header).orElse("missing"));
        }
    }

    private static Reply json(String body) {
        return Reply.status(200).header("Content-Type", "application/json").body(body.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] data) {
        return hash("SHA-256", data);
    }

    static String gitSha1(byte[] data) {
        byte[] head = ("blob " + data.length + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + data.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(data, 0, all, head.length, data.length);
        return hash("SHA-1", all);
    }

    private static String sha1(byte[] data) {
        return hash("SHA-1", data);
    }

    private static String hash(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
