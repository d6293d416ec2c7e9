package dev.rerank4j.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Appends one row per evaluation to a sentence-transformers style CSV log, writing the header on creation. */
final class CsvLog {
    private CsvLog() {}

    /** Appends {@code epoch, steps, values...} to {@code fileName} in the context's folder, if it has one. */
    static void append(EvaluationContext context, String fileName, List<String> header, double... values) {
        if (context.outputDir().isEmpty()) {
            return;
        }
        Path file = context.outputDir().get().resolve(fileName);
        StringBuilder row = new StringBuilder();
        row.append(context.epoch()).append(',').append(context.steps());
        for (double value : values) {
            row.append(',').append(pythonRepr(value));
        }
        row.append('\n');
        try {
            Files.createDirectories(file.getParent());
            String text = Files.exists(file) ? row.toString() : String.join(",", header) + "\n" + row;
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("appending to evaluation log " + file + " failed", e);
        }
    }

    /** A double as Python's {@code repr} writes it for the values metrics take (e.g. {@code 0.0001}, {@code 1.0}). */
    static String pythonRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
            String text = Double.toString(value).replace("E", "e");
            int e = text.indexOf('e');
            String mantissa = text.substring(0, e).replaceAll("\\.0$", "");
            int exponent = Integer.parseInt(text.substring(e + 1));
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = new BigDecimal(Double.toString(value)).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
