package dev.rerank4j.embed;

import dev.rerank4j.io.TempPaths;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeddings kept on disk, keyed by model, prompt, normalisation and texts, so that mining again with other margins or
 * ranges re-encodes nothing (sentence-transformers' {@code cache_folder} of {@code mine_hard_negatives}).
 *
 * <p>One file per key, {@code embeddings-<sha256>.f32}: the magic {@code R4JEMB01}, the row count and dimension (int32
 * big-endian), then the values as little-endian float32. Files are written under a temporary name and renamed into
 * place, so a reader never sees half a file; an unreadable or mismatched file is re-encoded and replaced.
 */
public final class EmbeddingCache {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final byte[] MAGIC = "R4JEMB01".getBytes(StandardCharsets.US_ASCII);

    private final Path dir;

    /** A cache in {@code dir} (created when the first file is written). */
    public EmbeddingCache(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The cache folder. */
    public Path directory() {
        return dir;
    }

    /**
     * The result of {@link #encode}.
     *
     * @param embeddings one row per text
     * @param file the cache file holding them
     * @param hit whether they were read from the cache (false: encoded now and stored)
     */
    public record Lookup(Embeddings embeddings, Path file, boolean hit) {}

    /** Returns cached embeddings of {@code texts} if present, else encodes them and stores the result. */
    public Lookup encode(EmbeddingModel model, List<String> texts, EncodeOptions options) {
        Path file = dir.resolve("embeddings-" + key(model, texts, options) + ".f32");
        if (Files.isRegularFile(file)) {
            try {
                Embeddings cached = read(file);
                if (cached.rows() == texts.size() && cached.dimension() == model.dimension()) {
                    return new Lookup(cached, file, true);
                }
                LOG.warn(
                        "{}: holds {} x {} embeddings, expected {} x {}; re-encoding",
                        file,
                        cached.rows(),
                        cached.dimension(),
                        texts.size(),
                        model.dimension());
            } catch (IOException e) {
                LOG.warn("{}: unreadable ({}); re-encoding", file, e.getMessage());
            }
        }
        Embeddings fresh = model.encode(texts, options);
        try {
            write(file, fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedding cache file " + file + ": " + e.getMessage(), e);
        }
        return new Lookup(fresh, file, false);
    }

    /** The SHA-256 of everything that decides the embeddings: model fingerprint, prompt, normalisation, texts. */
    static String key(EmbeddingModel model, List<String> texts, EncodeOptions options) {
        MessageDigest sha = ModelFingerprint.sha256();
        field(sha, model.fingerprint());
        field(sha, options.prompt());
        field(sha, options.normalization().name());
        for (String t : texts) {
            field(sha, t);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Length-prefixed, so that no two different lists hash alike by concatenation. */
    private static void field(MessageDigest sha, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
        sha.update(b);
    }

    static Embeddings read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException("not an rerank4j embedding file (bad magic)");
            }
            int rows = in.readInt();
            int dim = in.readInt();
            long expected = MAGIC.length + 8L + 4L * rows * dim;
            if (rows < 0 || dim < 1 || Files.size(file) != expected) {
                throw new IOException(
                        "header says " + rows + " x " + dim + " but the file has " + Files.size(file) + " bytes");
            }
            float[] values = new float[rows * dim];
            byte[] buf = new byte[1 << 16];
            ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            int at = 0;
            while (at < values.length) {
                int n = Math.min(buf.length / 4, values.length - at);
                in.readFully(buf, 0, n * 4);
                bb.clear();
                bb.asFloatBuffer().get(values, at, n);
                at += n;
            }
            return new Embeddings(rows, dim, values);
        }
    }

    static void write(Path file, Embeddings e) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = TempPaths.sibling(file, TempPaths.Kind.TMP);
        try {
            try (OutputStream raw = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16))) {
                out.write(MAGIC);
                out.writeInt(e.rows());
                out.writeInt(e.dimension());
                ByteBuffer bb = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                float[] v = e.values();
                for (int at = 0; at < v.length; ) {
                    int n = Math.min(bb.capacity() / 4, v.length - at);
                    bb.clear();
                    bb.asFloatBuffer().put(v, at, n);
                    out.write(bb.array(), 0, n * 4);
                    at += n;
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
