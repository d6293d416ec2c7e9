package dev.rerank4j.recipe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 fingerprints of a stage's inputs: texts, file contents, model directories (every file's name and content,
 * but a model card {@code README.md}), shortened to 16 hex digits for folder names.
 */
final class Fingerprints {
    private Fingerprints() {}

    /** The fingerprint of the parts, in order (each part framed, so ("ab", "c") differs from ("a", "bc")). */
    static String of(String... parts) {
        MessageDigest sha = sha256();
        for (String p : parts) {
            byte[] b = p.getBytes(StandardCharsets.UTF_8);
            sha.update(Integer.toString(b.length).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) ':');
            sha.update(b);
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    /** The full SHA-256 of a stream's bytes. */
    static String content(InputStream in) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
            sha.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The full SHA-256 of a file's bytes. */
    static String file(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return content(in);
        }
    }

    /**
     * A model: the content of a local directory (file names and bytes, not the model card), else the hub id and
     * revision (a hub revision names fixed content only when it is a commit; {@code main} is taken as is).
     */
    static String model(String idOrDir, String revision) throws IOException {
        Path dir = Path.of(idOrDir);
        if (!Files.isDirectory(dir)) {
            return "hub:" + idOrDir + "@" + revision;
        }
        MessageDigest sha = sha256();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, 3)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().equals("README.md"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            sha.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            sha.update(file(f).getBytes(StandardCharsets.UTF_8));
        }
        return "dir:" + HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
