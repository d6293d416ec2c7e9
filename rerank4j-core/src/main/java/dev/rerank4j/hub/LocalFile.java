package dev.rerank4j.hub;

import dev.rerank4j.hub.HubException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * One file of a folder to upload, with what the upload protocol needs: its first 512 bytes (the {@code sample} the
 * preupload call shows the hub), its size, its SHA-256 (the LFS object id) and its git blob SHA-1 (the id of a
 * regular file, to recognise a file the hub already holds).
 *
 * @param pathInRepo the path in the repository, {@code /}-separated
 * @param file the local file
 * @param size its size in bytes
 * @param sample its first 512 bytes (fewer for a smaller file)
 * @param sha256 lower-case hex
 * @param gitSha1 lower-case hex of {@code sha1("blob {size}\0" + content)}
 */
record LocalFile(String pathInRepo, Path file, long size, byte[] sample, String sha256, String gitSha1) {
    private static final int SAMPLE_BYTES = 512;

    /**
     * The files below {@code folder}, sorted by repository path, without {@code .git} and {@code .cache/huggingface}
     * (huggingface_hub's default ignore patterns); a symbolic link to a file is read through (a hub cache snapshot
     * is made of them), a linked folder is not entered.
     *
     * @throws HubException of kind {@link Kind#INVALID_UPLOAD} when the folder is missing, not a folder, empty or
     *     unreadable
     */
    static List<LocalFile> scan(Path folder) {
        if (!Files.exists(folder)) {
            throw new HubException(
                    Kind.INVALID_UPLOAD,
                    "the folder to upload " + folder + " does not exist: save the"
                            + " model there first, or pass the folder that holds config.json and model.safetensors");
        }
        if (!Files.isDirectory(folder)) {
            throw new HubException(Kind.INVALID_UPLOAD, folder + " is a file, not a folder: pass the model's folder");
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.filter(Files::isRegularFile)
                    .filter(p -> !ignored(folder.relativize(p)))
                    .sorted(Comparator.comparing(p -> repoPath(folder, p)))
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new HubException(Kind.INVALID_UPLOAD, "cannot list " + folder + " (" + e.getMessage() + ")", e);
        }
        if (paths.isEmpty()) {
            throw new HubException(Kind.INVALID_UPLOAD, "the folder to upload " + folder + " holds no file");
        }
        List<LocalFile> out = new ArrayList<>(paths.size());
        for (Path p : paths) {
            out.add(read(repoPath(folder, p), p));
        }
        return out;
    }

    private static boolean ignored(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(part -> parts.add(part.toString()));
        for (int i = 0; i < parts.size() - 1; i++) {
            if (parts.get(i).equals(".git")
                    || (parts.get(i).equals(".cache") && parts.get(i + 1).equals("huggingface"))) {
                return true;
            }
        }
        return false;
    }

    private static String repoPath(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    private static LocalFile read(String pathInRepo, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
            byte[] sample = new byte[0];
            byte[] buffer = new byte[1 << 16];
            long read = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (sample.length < SAMPLE_BYTES) {
                    int keep = (int) Math.min(SAMPLE_BYTES - sample.length, n);
                    byte[] grown = Arrays.copyOf(sample, sample.length + keep);
                    System.arraycopy(buffer, 0, grown, sample.length, keep);
                    sample = grown;
                }
                sha256.update(buffer, 0, n);
                sha1.update(buffer, 0, n);
                read += n;
            }
            if (read != size) {
                throw new HubException(
                        Kind.INVALID_UPLOAD,
                        file + " changed while it was read (" + size + " bytes" + " listed, " + read
                                + " read): upload when nothing writes to the folder");
            }
            HexFormat hex = HexFormat.of();
            return new LocalFile(
                    pathInRepo, file, size, sample, hex.formatHex(sha256.digest()), hex.formatHex(sha1.digest()));
        } catch (IOException e) {
            throw new HubException(Kind.INVALID_UPLOAD, "cannot read " + file + " (" + e + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256 or SHA-1", e);
        }
    }
}
