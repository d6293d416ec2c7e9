package dev.rerank4j.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rows of JSON Lines (one object per line; blank lines skipped) or of one JSON array of objects. The first object's
 * fields are the columns; a later object may omit one (a null cell) but not add one.
 */
final class JsonRows implements RowStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedReader reader;
    private final JsonParser arrayParser;
    private List<String> columns;
    private Row first;
    private long lineNumber;

    private JsonRows(Path file, BufferedReader reader, JsonParser arrayParser) {
        this.file = file;
        this.reader = reader;
        this.arrayParser = arrayParser;
    }

    static JsonRows open(Path file, boolean maybeArray) throws IOException {
        BufferedReader reader = TextFiles.open(file);
        try {
            JsonParser array = null;
            if (maybeArray) {
                reader.mark(1 << 16);
                int c;
                do {
                    c = reader.read();
                } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\uFEFF');
                reader.reset();
                if (c == '[') {
                    array = JSON.createParser(reader);
                    array.nextToken();
                }
            }
            JsonRows rows = new JsonRows(file, reader, array);
            rows.first = rows.read().orElse(null);
            if (rows.first == null) {
                throw new DataFormatException(file, 0, "no rows (the file holds no JSON object)");
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public Optional<Row> next() throws IOException {
        if (first != null) {
            Row r = first;
            first = null;
            return Optional.of(r);
        }
        return read();
    }

    private Optional<Row> read() throws IOException {
        if (arrayParser != null) {
            return readArrayElement();
        }
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new DataFormatException(file, lineNumber, "not valid JSON (" + e.getOriginalMessage() + ")", e);
            }
            return Optional.of(toRow(node, lineNumber));
        }
        return Optional.empty();
    }

    private Optional<Row> readArrayElement() throws IOException {
        try {
            JsonToken t = arrayParser.nextToken();
            if (t == null || t == JsonToken.END_ARRAY) {
                return Optional.empty();
            }
            long line = arrayParser.currentTokenLocation().getLineNr();
            JsonNode node = arrayParser.readValueAsTree();
            return Optional.of(toRow(node, line));
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new DataFormatException(file, line, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private Row toRow(JsonNode node, long line) throws DataFormatException {
        if (node == null || !node.isObject()) {
            throw new DataFormatException(
                    file, line, "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
        }
        if (columns == null) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            columns = Collections.unmodifiableList(names);
        }
        Object[] values = new Object[columns.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            int c = columns.indexOf(field.getKey());
            if (c < 0) {
                throw new DataFormatException(
                        file,
                        line,
                        "column \"" + field.getKey() + "\" is not among the columns of the first row ("
                                + String.join(", ", columns) + ")");
            }
            values[c] = value(field.getValue(), field.getKey(), line);
        }
        return new Row(columns, values, file, line);
    }

    private Object value(JsonNode v, String column, long line) throws DataFormatException {
        if (v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            for (JsonNode e : v) {
                list.add(value(e, column, line));
            }
            return Collections.unmodifiableList(list);
        }
        throw new DataFormatException(
                file,
                line,
                "column \"" + column + "\" holds a JSON " + v.getNodeType() + "; use strings, numbers,"
                        + " booleans or arrays of them");
    }

    @Override
    public void close() throws IOException {
        try {
            if (arrayParser != null) {
                arrayParser.close();
            }
        } finally {
            reader.close();
        }
    }
}
