package dev.rerank4j.data;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats {@link DatasetFiles} reads. */
public enum DatasetFormat {
    /** Recognise the format by the file name: see {@link #of(Path)}. */
    AUTO,
    /** JSON Lines: one JSON object per line ({@code .jsonl}, {@code .ndjson}). */
    JSONL,
    /** One JSON array of objects, or JSON Lines ({@code .json}). */
    JSON,
    /** Comma-separated values with RFC 4180 quoting ({@code .csv}). */
    CSV,
    /** Tab-separated values, no quoting: a field is everything between tabs ({@code .tsv}, {@code .txt}). */
    TSV,
    /** Apache Parquet ({@code .parquet}), the format of Hugging Face hub datasets. */
    PARQUET;

    /**
     * The format a file name implies ({@code .gz} is looked through for the text formats).
     *
     * @throws DataFormatException naming the supported extensions when the name implies none
     */
    public static DatasetFormat of(Path file) throws DataFormatException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith(".jsonl") || base.endsWith(".ndjson")) {
            return JSONL;
        }
        if (base.endsWith(".json")) {
            return JSON;
        }
        if (base.endsWith(".csv")) {
            return CSV;
        }
        if (base.endsWith(".tsv") || base.endsWith(".txt")) {
            return TSV;
        }
        if (name.endsWith(".parquet")) {
            return PARQUET;
        }
        throw new DataFormatException(
                file,
                0,
                "unknown data format; use .jsonl, .json, .csv, .tsv/.txt (optionally .gz) or .parquet, or name the"
                        + " format explicitly");
    }
}
