package dev.rerank4j.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SHA-256 digest of a model directory and settings: small files (configs, tokenizer) whole, large files (weights) by
 * size plus their first and last megabyte. Cheap even for large models, and different for any retrained checkpoint.
 */
final class ModelFingerprint {
    private static final long WHOLE = 8L << 20;
    private static final int EDGE = 1 << 20;

    private ModelFingerprint() {}

    static String of(Path dir, String settings) {
        MessageDigest sha = sha256();
        sha.update(settings.getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> walk = Files.walk(dir, 3)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().equals("README.md"))
                    .sorted()
                    .toList();
            for (Path f : files) {
                sha.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                long size = Files.size(f);
                sha.update(Long.toString(size).getBytes(StandardCharsets.UTF_8));
                if (size <= WHOLE) {
                    try (InputStream in = Files.newInputStream(f)) {
                        sha.update(in.readAllBytes());
                    }
                } else {
                    edges(f, size, sha);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fingerprint the model directory " + dir + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void edges(Path f, long size, MessageDigest sha) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(f)) {
            for (long at : new long[] {0, size - EDGE}) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(EDGE);
                ch.position(at);
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // fill the buffer
                }
                buf.flip();
                sha.update(buf);
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }
}
