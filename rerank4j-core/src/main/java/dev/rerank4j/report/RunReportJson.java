package dev.rerank4j.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.io.TempPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code report.json}: a {@link RunReport} as JSON for scripts, with the same numbers as the HTML page. The field
 * names are the records' component names. JSON has no NaN nor infinity: a number that is not finite is written as
 * {@code null} and read back as NaN (so a report holding only finite numbers and NaN reads back equal).
 */
public final class RunReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("rerank4j-report-doubles")
                    .addSerializer(Double.class, new FiniteOrNull())
                    .addSerializer(Double.TYPE, new FiniteOrNull())
                    .addDeserializer(Double.class, new NullAsNaN())
                    .addDeserializer(Double.TYPE, new NullAsNaN()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private RunReportJson() {}

    /** Writes {@code report} to {@code file} as UTF-8 JSON, replacing it atomically. */
    public static void write(RunReport report, Path file) throws IOException {
        TempPaths.writeAtomically(file, toJson(report).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The report as JSON text. */
    public static String toJson(RunReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a RunReport always serialises; this is a bug: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a report written by {@link #write}.
     *
     * @throws DataFormatException when the file is not such a report (the message names the file, line and field)
     */
    public static RunReport read(Path file) throws IOException {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), RunReport.class);
        } catch (JsonProcessingException e) {
            long line =
                    e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw new DataFormatException(
                    file,
                    line,
                    "not a rerank4j run report ("
                            + String.valueOf(e.getOriginalMessage())
                                    .lines()
                                    .findFirst()
                                    .orElse("")
                            + "); write it with RunReportJson.write or rerun the recipe",
                    e);
        }
    }

    /** Finite doubles as numbers, NaN and infinities as null. */
    private static final class FiniteOrNull extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteOrNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    /** Numbers as doubles, null as NaN. */
    private static final class NullAsNaN extends StdDeserializer<Double> {
        private static final long serialVersionUID = 1L;

        NullAsNaN() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                return p.getDoubleValue();
            }
            return (Double) ctxt.handleUnexpectedToken(Double.class, p);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }
}
