package dev.rerank4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rows of a CSV file (RFC 4180: {@code ,} separated, fields may be quoted with {@code "}, a quote inside a quoted
 * field is doubled, quoted fields may span lines) or of a TSV file (tab separated, no quoting). Every value is a
 * string; blank lines are skipped; a row with another number of fields than the header is an error.
 */
final class DelimitedRows implements RowStream {
    private final Path file;
    private final BufferedReader reader;
    private final boolean csv;
    private final List<String> columns;
    private long lineNumber;
    private long recordLine;

    private DelimitedRows(Path file, BufferedReader reader, boolean csv, List<String> columns) {
        this.file = file;
        this.reader = reader;
        this.csv = csv;
        this.columns = columns;
    }

    static DelimitedRows open(Path file, boolean csv, ReadOptions options) throws IOException {
        BufferedReader reader = TextFiles.open(file);
        try {
            DelimitedRows rows = new DelimitedRows(file, reader, csv, options.columnNames());
            List<String> header = options.header() ? rows.record().orElse(null) : null;
            if (options.header() && header == null) {
                throw new DataFormatException(file, 0, "empty file: no header line");
            }
            List<String> names = options.columnNames().isEmpty() ? header : options.columnNames();
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).isBlank() || names.indexOf(names.get(i)) != i) {
                    throw new DataFormatException(
                            file,
                            1,
                            "column names must be non-empty and distinct, got " + names
                                    + (options.columnNames().isEmpty() ? " in the header line" : ""));
                }
            }
            return new DelimitedRows(file, reader, csv, List.copyOf(names)).at(rows.lineNumber);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private DelimitedRows at(long line) {
        this.lineNumber = line;
        return this;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public Optional<Row> next() throws IOException {
        Optional<List<String>> fields = record();
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        List<String> f = fields.get();
        if (f.size() != columns.size()) {
            throw new DataFormatException(
                    file,
                    recordLine,
                    "expected " + columns.size() + " " + (csv ? "comma" : "tab") + "-separated fields ("
                            + String.join(", ", columns) + "), found " + f.size());
        }
        return Optional.of(new Row(columns, f.toArray(), file, recordLine));
    }

    /** The next non-blank record's fields, or empty at the end of the file. */
    private Optional<List<String>> record() throws IOException {
        String line;
        do {
            line = readLine();
            if (line == null) {
                return Optional.empty();
            }
        } while (line.isBlank());
        recordLine = lineNumber;
        if (!csv) {
            return Optional.of(List.of(line.split("\t", -1)));
        }
        return Optional.of(parseCsv(line));
    }

    private List<String> parseCsv(String firstLine) throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String line = firstLine;
        int i = 0;
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (i == line.length()) {
                if (!quoted) {
                    fields.add(field.toString());
                    return fields;
                }
                line = readLine();
                if (line == null) {
                    throw new DataFormatException(file, recordLine, "a quoted field is never closed (missing \")");
                }
                field.append('\n');
                i = 0;
                continue;
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c == '"' && i < line.length() && line.charAt(i) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append(c);
            }
        }
    }

    private String readLine() throws IOException {
        String line;
        try {
            line = reader.readLine();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DataFormatException(file, lineNumber + 1, "not valid UTF-8", e);
        }
        if (line != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
        }
        return line;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
