package dev.rerank4j;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a parser's exception (Jackson for JSON and YAML, SnakeYAML, a charset decoder) into one line of ours: where
 * ({@code file:line:column} when the parser knows it) and what is wrong, without the parser's multi-line excerpts,
 * source descriptions and class names. Callers add what the file should be and how to fix it:
 *
 * <pre>{@code
 * throw new ModelFormatException(ParseErrors.describe(file, "not valid JSON", e)
 *         + "; the file is damaged: download or save the model again", e);
 * }</pre>
 */
public final class ParseErrors {
    /** Jackson's "at [Source: ...; line: 1, column: 5]" and "(for Object starting at [Source...])" parts. */
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?(?:for \\w+ starting )?at \\[Source:[^\\]]*\\]\\)?");

    private static final int MAX_PROBLEM_CHARS = 200;

    /** How to fix a model file that does not parse. */
    public static final String FIX_MODEL_FILE =
            "; the file is damaged or not what its name says: save or download the model again";

    private ParseErrors() {}

    /**
     * {@code file:line:column: what (problem)}: the location and the parser's problem in one line.
     *
     * @param file the file the parser read
     * @param what what is wrong in our words, e.g. {@code "not valid JSON"}
     * @param e the parser's exception (or one that wraps it)
     */
    public static String describe(Path file, String what, Throwable e) {
        return file + location(e) + ": " + what + " (" + problem(e) + ")";
    }

    /** {@code :line:column} (1-based) where the parser stopped, or empty when it does not say. */
    public static String location(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException y && y.getProblemMark() != null) {
                Mark mark = y.getProblemMark();
                return ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            }
            if (t instanceof JacksonException j && j.getLocation() != null) {
                JsonLocation at = j.getLocation();
                if (at.getLineNr() > 0) {
                    return ":" + at.getLineNr() + (at.getColumnNr() > 0 ? ":" + at.getColumnNr() : "");
                }
            }
        }
        return "";
    }

    /** The parser's problem in one short line, without location, source excerpt or class name. */
    public static String problem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException y) {
                String context = y.getContext() == null ? "" : y.getContext() + ": ";
                return shorten(context + String.valueOf(y.getProblem()));
            }
        }
        if (e instanceof JacksonException j) {
            return shorten(
                    SOURCE.matcher(String.valueOf(j.getOriginalMessage())).replaceAll(""));
        }
        if (e instanceof CharacterCodingException) {
            return "not valid UTF-8";
        }
        String m = e.getMessage();
        return shorten(m == null ? e.getClass().getSimpleName() : m);
    }

    private static String shorten(String s) {
        String line = s.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= MAX_PROBLEM_CHARS ? line : line.substring(0, MAX_PROBLEM_CHARS - 3) + "...";
    }
}
