package dev.rerank4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens UTF-8 text files, transparently un-gzipping names ending in {@code .gz}, and walks them line by line. */
public final class TextFiles {
    private TextFiles() {}

    /** Receives one line and its 1-based number; may throw {@link DataFormatException}. */
    @FunctionalInterface
    public interface LineHandler {
        void accept(String line, long lineNumber) throws IOException;
    }

    /**
     * Opens a UTF-8 reader, decompressing when the name ends in {@code .gz}; malformed UTF-8 is an error, not a
     * silent replacement character.
     */
    public static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
        } catch (IOException e) {
            in.close();
            throw new DataFormatException(file, 0, "not a gzip file: " + e.getMessage(), e);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    }

    /**
     * Calls {@code handler} for every line (without its terminator); blank lines are passed on too. A trailing
     * {@code \r} is removed so that files written on Windows read the same.
     */
    public static void forEachLine(Path file, LineHandler handler) throws IOException {
        long number = 0;
        try (BufferedReader reader = open(file)) {
            String line;
            while (true) {
                try {
                    line = reader.readLine();
                } catch (java.nio.charset.CharacterCodingException e) {
                    throw new DataFormatException(file, number + 1, "not valid UTF-8", e);
                }
                if (line == null) {
                    break;
                }
                number++;
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                handler.accept(line, number);
            }
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
        throw new java.nio.file.NoSuchFileException(
                plain.toString(), null, "neither " + name + " nor " + name + ".gz exists in " + dir);
    }
}
