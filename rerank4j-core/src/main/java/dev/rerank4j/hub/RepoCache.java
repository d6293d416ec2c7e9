package dev.rerank4j.hub;

import dev.rerank4j.hub.HubException.Kind;
import dev.rerank4j.io.TempPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One repository's folder in the hub cache, laid out exactly as huggingface_hub lays it out:
 *
 * <pre>
 * models--org--name/
 *   blobs/{etag}                         file contents, named by git SHA-1 or LFS SHA-256
 *   snapshots/{commit}/{path}            relative symlinks to ../../blobs/{etag} (one more ../ per folder)
 *   refs/{revision}                      the commit a branch or tag pointed to, no trailing newline
 *   .no_exist/{commit}/{path}            empty markers: the file does not exist at that commit
 * </pre>
 *
 * Blobs are written under a temporary {@code .incomplete} name and renamed when complete, so a blob that exists
 * is whole.
 */
final class RepoCache {
    private static final Pattern COMMIT_HASH = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private final Path root;

    RepoCache(Path hubCache, RepoId repo) {
        this.root = hubCache.resolve(repo.folderName());
    }

    Path root() {
        return root;
    }

    static boolean isCommitHash(String revision) {
        return COMMIT_HASH.matcher(revision).matches();
    }

    /** Whether {@code name} may be used as one path segment: an etag or a commit hash from the server. */
    static boolean isSafeName(String name) {
        return SAFE_NAME.matcher(name).matches() && !name.contains("..");
    }

    /** Why {@code path} cannot name a file inside a folder (absolute, {@code ..}, empty segment), if it cannot. */
    static Optional<String> pathProblem(String path) {
        if (path.isEmpty() || path.length() > 1024) {
            return Optional.of("must have 1 to 1024 characters");
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == '\\')) {
            return Optional.of("must not contain control characters or '\\'");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("must be relative, with no empty, '.' or '..' segments");
            }
        }
        return Optional.empty();
    }

    Path blob(String etag) {
        return root.resolve("blobs").resolve(etag);
    }

    Path snapshotDir(String commit) {
        return root.resolve("snapshots").resolve(commit);
    }

    Path snapshotFile(String commit, String filename) {
        return snapshotDir(commit).resolve(filename);
    }

    /** The commit a revision stands for: the revision itself if it is a commit hash, else what refs/ says. */
    Optional<String> commitFor(String revision) {
        if (isCommitHash(revision)) {
            return Optional.of(revision);
        }
        Path ref = root.resolve("refs").resolve(revision);
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        try {
            String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
            return isSafeName(commit) ? Optional.of(commit) : Optional.empty();
        } catch (IOException e) {
            throw new HubException(Kind.CACHE_IO, "cannot read " + ref + " (" + e + ")", e);
        }
    }

    /** The cached file for a revision, if refs/ and the snapshot have it. */
    Optional<Path> cachedFile(String revision, String filename) {
        return commitFor(revision).map(commit -> snapshotFile(commit, filename)).filter(Files::exists);
    }

    /** Records which commit a branch or tag points to; nothing to do for a commit hash or an unchanged ref. */
    void writeRef(String revision, String commit) {
        if (revision.equals(commit)
                || commitFor(revision).filter(commit::equals).isPresent()) {
            return;
        }
        Path ref = root.resolve("refs").resolve(revision);
        try {
            Files.createDirectories(ref.getParent());
            Path temp = temporarySibling(ref);
            Files.writeString(temp, commit, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            Files.move(temp, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new HubException(Kind.CACHE_IO, "cannot write " + ref + " (" + e + "): check the cache folder", e);
        }
    }

    boolean knownAbsent(String commit, String filename) {
        return Files.isRegularFile(root.resolve(".no_exist").resolve(commit).resolve(filename));
    }

    /** Notes that the file does not exist at that commit; a best effort, as in huggingface_hub. */
    void markAbsent(String commit, String filename) {
        Path marker = root.resolve(".no_exist").resolve(commit).resolve(filename);
        try {
            Files.createDirectories(marker.getParent());
            if (!Files.exists(marker)) {
                Files.createFile(marker);
            }
        } catch (IOException e) {
            // A read-only cache still serves files; the marker only saves a request next time.
        }
    }

    /**
     * Marks the hub cache as a cache ({@code CACHEDIR.TAG}, https://bford.info/cachedir/) so that backup tools skip
     * it, as huggingface_hub does; a best effort, never replacing an existing tag.
     */
    void tagHubCache() {
        Path tag = root.getParent().resolve("CACHEDIR.TAG");
        if (Files.exists(tag)) {
            return;
        }
        try {
            Files.createDirectories(tag.getParent());
            Files.writeString(
                    tag,
                    "Signature: 8a477f597d28d172789f06886806bc55\n"
                            + "# This file is a cache directory tag created by rerank4j (Hugging Face hub cache).\n"
                            + "# For information about cache directory tags, see https://bford.info/cachedir/\n",
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            // Another process wrote it first, or the cache is read-only: the tag is a courtesy only.
        }
    }

    /** Creates an empty, uniquely named {@code blobs/.{etag}.incomplete.rerank4j-tmp-*} file for a download. */
    Path newIncompleteBlob(String etag) {
        Path blobs = root.resolve("blobs");
        try {
            Files.createDirectories(blobs);
            // Named by TempPaths, so that the next download into this cache removes what a killed one left.
            Path temp = TempPaths.sibling(blobs.resolve(etag + ".incomplete"), TempPaths.Kind.TMP);
            Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                    .close();
            return temp;
        } catch (IOException e) {
            throw new HubException(
                    Kind.CACHE_IO,
                    "cannot create a file in " + blobs + " (" + e
                            + "): check free disk space and permissions of the cache (HF_HUB_CACHE)",
                    e);
        }
    }

    /** Renames a complete download to its blob name, atomically. */
    void publishBlob(Path incomplete, Path blob) {
        try {
            Files.move(incomplete, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new HubException(Kind.CACHE_IO, "cannot rename " + incomplete + " to " + blob + " (" + e + ")", e);
        }
    }

    /**
     * Points {@code pointer} at {@code blob} with a relative symlink ({@code ../../blobs/etag}, deeper for nested
     * files), or a copy where the file system has no symlinks; replaces atomically whatever was there.
     */
    void link(Path blob, Path pointer) {
        Path temp = temporarySibling(pointer);
        try {
            Files.createDirectories(pointer.getParent());
            try {
                Files.createSymbolicLink(temp, pointer.getParent().relativize(blob));
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.copy(blob, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(temp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new HubException(Kind.CACHE_IO, "cannot link " + pointer + " to " + blob + " (" + e + ")", e);
        }
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Nothing more to do: the caller is already failing, and a stray temporary file harms no reader.
        }
    }

    private static Path temporarySibling(Path path) {
        return TempPaths.sibling(path, TempPaths.Kind.TMP);
    }
}
