package dev.rerank4j.data;

import dev.rerank4j.Rerank4jException;
import java.nio.file.Path;

/**
 * Malformed input in a data file. The message is {@code file:line: what is wrong}, e.g.
 * {@code qrels/test.tsv:12: expected 3 tab-separated fields (query-id, corpus-id, score), got 2}.
 */
public final class DataFormatException extends Rerank4jException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /**
     * @param file the file being read
     * @param line the 1-based line number, or 0 when the problem concerns the whole file
     * @param detail what is wrong, naming the field and the bad value
     */
    public DataFormatException(Path file, long line, String detail) {
        super(Fault.BAD_INPUT, file + (line > 0 ? ":" + line : "") + ": " + detail);
        this.file = file;
        this.line = line;
    }

    /** Same, keeping the parser exception that detected the problem. */
    public DataFormatException(Path file, long line, String detail, Throwable cause) {
        this(file, line, detail);
        initCause(cause);
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** The 1-based line number, 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }
}
