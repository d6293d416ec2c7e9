package dev.rerank4j.data;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens UTF-8 text files, transparently un-gzipping names ending in {@code .gz}, and walks them line by line. */
public final class TextFiles {
    private TextFiles() {}

    /** Receives one line and its 1-based number; may throw {@link DataFormatException}. */
    @FunctionalInterface
    public interface LineHandler {
        void accept(String line, long lineNumber) throws IOException;
    }

    /**
     * Opens a UTF-8 reader, decompressing when the name ends in {@code .gz}; malformed UTF-8 is an error (a
     * {@link java.nio.charset.CharacterCodingException} from the read), not a silent replacement character.
     */
    public static BufferedReader open(Path file) throws IOException {
        InputStream in = openStream(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    }

    /**
     * Calls {@code handler} for every line (without its terminator); blank lines are passed on too. A trailing
     * {@code \r} is removed so that files written on Windows read the same. Each line is decoded on its own, so
     * malformed UTF-8 is reported with its line number.
     */
    public static void forEachLine(Path file, LineHandler handler) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long number = 0;
        byte[] line = new byte[256];
        int length = 0;
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = openStream(file)) {
            int read;
            while ((read = read(in, chunk, file, number)) >= 0) {
                for (int i = 0; i < read; i++) {
                    if (chunk[i] == '\n') {
                        number++;
                        handler.accept(decode(decoder, line, length, file, number), number);
                        length = 0;
                    } else {
                        if (length == line.length) {
                            line = Arrays.copyOf(line, line.length * 2);
                        }
                        line[length++] = chunk[i];
                    }
                }
            }
            if (length > 0) {
                number++;
                handler.accept(decode(decoder, line, length, file, number), number);
            }
        }
    }

    private static int read(InputStream in, byte[] chunk, Path file, long number) throws IOException {
        try {
            return in.read(chunk);
        } catch (ZipException e) {
            throw new DataFormatException(file, number + 1, "corrupt gzip data: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new DataFormatException(
                    file, number + 1, "the gzip data ends early (truncated file): copy or download it again", e);
        }
    }

    private static String decode(CharsetDecoder decoder, byte[] bytes, int length, Path file, long number)
            throws DataFormatException {
        int end = length > 0 && bytes[length - 1] == '\r' ? length - 1 : length;
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, 0, end)).toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, number, "not valid UTF-8", e);
        }
    }

    /**
     * Checks that {@code file} is a file this process can read, so that a wrong path fails with its reason ("no such
     * file", "is a directory", "cannot be read") instead of the operating system's bare message.
     *
     * @throws DataFormatException naming the file and what is wrong with it
     */
    public static void checkReadable(Path file) throws DataFormatException {
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, 0, "is a directory, not a file: give the file inside it");
        }
        if (!Files.exists(file)) {
            throw new DataFormatException(file, 0, "no such file");
        }
        if (!Files.isReadable(file)) {
            throw new DataFormatException(file, 0, "cannot be read (permission denied)");
        }
    }

    private static InputStream openStream(Path file) throws IOException {
        checkReadable(file);
        InputStream in = Files.newInputStream(file);
        if (!file.getFileName().toString().endsWith(".gz")) {
            return in;
        }
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
            in.close();
            throw new DataFormatException(file, 0, "not a gzip file: " + e.getMessage(), e);
        }
    }

    /** The first existing file among {@code dir/name} and {@code dir/name.gz}, or an error naming both. */
    public static Path plainOrGzip(Path dir, String name) throws IOException {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new DataFormatException(plain, 0, "missing (neither " + name + " nor " + name + ".gz is in " + dir + ")");
    }
}
