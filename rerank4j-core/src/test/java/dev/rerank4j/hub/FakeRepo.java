package dev.rerank4j.hub;

import dev.rerank4j.hub.FakeHubServer.Reply;
import dev.rerank4j.hub.FakeHubServer.Request;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A fake model repository answering like huggingface.co: {@code /resolve/} HEAD/GET with {@code X-Repo-Commit} and
 * git-SHA-1 {@code ETag}s, LFS files as 302 redirects to a CDN ({@code /lfs/{sha256}}) with {@code X-Linked-Etag}
 * and {@code X-Linked-Size}, the {@code /api/models/.../revision/...} listing, and {@code X-Error-Code} errors.
 */
final class FakeRepo implements FakeHubServer.Handler {
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final String PR_COMMIT = "fedcba9876543210fedcba9876543210fedcba98";

    record Entry(byte[] content, boolean lfs) {
        String gitSha1() {
            return hash("SHA-1", concat(("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8), content));
        }

        String sha256() {
            return hash("SHA-256", content);
        }

        /** What the hub names the blob: SHA-256 for LFS files, git SHA-1 otherwise. */
        String etag() {
            return lfs ? sha256() : gitSha1();
        }
    }

    final String repoId;
    private String kind = "models";
    final Map<String, Entry> files = new LinkedHashMap<>();
    private final Map<String, String> revisions = new LinkedHashMap<>();
    private volatile URI cdn;
    private volatile String requiredToken = "";

    FakeRepo(String repoId, URI cdn) {
        this.repoId = repoId;
        this.cdn = cdn;
        revisions.put("main", COMMIT);
        revisions.put(COMMIT, COMMIT);
        revisions.put("refs/pr/1", PR_COMMIT);
        revisions.put(PR_COMMIT, PR_COMMIT);
    }

    /** The usual tiny model: a config, a tokenizer, an LFS weight file and a nested pooling config. */
    static FakeRepo standard(URI cdn) {
        FakeRepo repo = new FakeRepo("acme/tiny-reranker", cdn);
        repo.add("config.json", "{\"model_type\": \"bert\"}", false);
        repo.add("tokenizer.json", "{\"version\": \"1.0\"}", false);
        repo.add("1_Pooling/config.json", "{\"pooling_mode_cls_token\": true}", false);
        byte[] weights = new byte[300_000];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (byte) (i * 31 + 7);
        }
        repo.files.put("model.safetensors", new Entry(weights, true));
        return repo;
    }

    /** Makes this a dataset repository: {@code /api/datasets/...} and {@code /datasets/{id}/resolve/...}. */
    FakeRepo asDataset() {
        this.kind = "datasets";
        return this;
    }

    /** Adds a file with the given bytes. */
    FakeRepo add(String name, byte[] content, boolean lfs) {
        files.put(name, new Entry(content, lfs));
        return this;
    }

    FakeRepo add(String name, String text, boolean lfs) {
        files.put(name, new Entry(text.getBytes(StandardCharsets.UTF_8), lfs));
        return this;
    }

    FakeRepo cdn(URI newCdn) {
        this.cdn = newCdn;
        return this;
    }

    /** Makes the repository gated: requests without {@code Bearer token} get 401 GatedRepo. */
    FakeRepo gated(String token) {
        this.requiredToken = token;
        return this;
    }

    Entry entry(String name) {
        return files.get(name);
    }

    @Override
    public Reply handle(Request request) {
        String path = request.rawPath();
        if (path.startsWith("/lfs/")) {
            return cdnFile(path.substring("/lfs/".length()).replaceAll("\\?.*", ""));
        }
        String api = "/api/" + kind + "/" + repoId + "/revision/";
        String resolve = (kind.equals("datasets") ? "/datasets/" : "/") + repoId + "/resolve/";
        boolean known = path.startsWith(api) || path.startsWith(resolve);
        if (!known) {
            return Reply.status(404)
                    .header("X-Error-Code", "RepoNotFound")
                    .header("X-Error-Message", "Repository not found");
        }
        if (!requiredToken.isEmpty()
                && !request.header("Authorization").equals(Optional.of("Bearer " + requiredToken))) {
            return Reply.status(401).header("X-Error-Code", "GatedRepo").header("X-Error-Message", "Access restricted");
        }
        if (path.startsWith(api)) {
            return listing(decode(path.substring(api.length())));
        }
        String rest = path.substring(resolve.length());
        int slash = rest.indexOf('/');
        return resolve(decode(rest.substring(0, slash)), decode(rest.substring(slash + 1)));
    }

    private Reply listing(String revision) {
        String commit = revisions.get(revision);
        if (commit == null) {
            return Reply.status(404).header("X-Error-Code", "RevisionNotFound");
        }
        String siblings = files.keySet().stream()
                .map(name -> "{\"rfilename\": \"" + name + "\"}")
                .collect(Collectors.joining(", "));
        String json = "{\"id\": \"" + repoId + "\", \"sha\": \"" + commit + "\", \"siblings\": [" + siblings + "]}";
        return Reply.status(200).header("Content-Type", "application/json").body(json.getBytes(StandardCharsets.UTF_8));
    }

    private Reply resolve(String revision, String filename) {
        String commit = revisions.get(revision);
        if (commit == null) {
            return Reply.status(404).header("X-Error-Code", "RevisionNotFound");
        }
        Entry entry = files.get(filename);
        if (entry == null) {
            return Reply.status(404).header("X-Error-Code", "EntryNotFound").header("X-Repo-Commit", commit);
        }
        if (entry.lfs()) {
            return Reply.status(302)
                    .header("Location", cdn + "/lfs/" + entry.sha256() + "?signature=secret")
                    .header("X-Repo-Commit", commit)
                    .header("X-Linked-Etag", "\"" + entry.sha256() + "\"")
                    .header("X-Linked-Size", Integer.toString(entry.content().length))
                    .header("ETag", "W/\"" + entry.gitSha1() + "\"");
        }
        return Reply.status(200)
                .header("X-Repo-Commit", commit)
                .header("ETag", "\"" + entry.gitSha1() + "\"")
                .body(entry.content());
    }

    private Reply cdnFile(String sha256) {
        return files.values().stream()
                .filter(entry -> entry.lfs() && entry.sha256().equals(sha256))
                .findFirst()
                .map(entry -> Reply.status(200).body(entry.content()))
                .orElse(Reply.status(404));
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String hash(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm, e);
        }
    }
}
