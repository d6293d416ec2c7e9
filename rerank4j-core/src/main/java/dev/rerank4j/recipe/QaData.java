package dev.rerank4j.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.data.DatasetFiles;
import dev.rerank4j.data.HubDatasetRef;
import dev.rerank4j.data.HubDatasets;
import dev.rerank4j.data.ReadOptions;
import dev.rerank4j.data.Row;
import dev.rerank4j.data.TextFiles;
import dev.rerank4j.hub.HubClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a recipe's question–answer pairs: the bundled SQuAD 2.0 set, a SQuAD JSON file (its answerable questions,
 * each with its context paragraph and article title), or any file or hub dataset the dataset readers read.
 */
final class QaData {
    static final String BUNDLED_RESOURCE = "/dev/rerank4j/recipe/squad2-dev-half.jsonl.gz";
    static final String BUNDLED_LICENCE = "SQuAD 2.0 (Rajpurkar, Jia and Liang, 2018), CC BY-SA 4.0: the answerable"
            + " questions of the CS224n half of the dev set with their context paragraphs and article titles,"
            + " bundled with rerank4j (see SQUAD2-LICENCE.txt)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private QaData() {}

    /** The rows the spec names, in file order, the first {@code limit} of them. */
    static List<QaRow> read(DataSpec spec, HubClient hub) throws IOException {
        List<QaRow> rows;
        if (spec.bundled()) {
            try (InputStream in = bundled()) {
                rows = jsonLines(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8), spec);
            }
        } else if (isSquadJson(Path.of(spec.path()))) {
            rows = squad(Path.of(spec.path()), spec);
        } else {
            rows = dataset(spec, hub);
        }
        if (spec.limit() > 0 && rows.size() > spec.limit()) {
            rows = rows.subList(0, spec.limit());
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("data.path " + spec.path() + ": no question-answer pairs");
        }
        return List.copyOf(rows);
    }

    /** The data's content fingerprint: the bundled resource's or the file's bytes, or the hub reference. */
    static String fingerprint(DataSpec spec) throws IOException {
        if (spec.bundled()) {
            try (InputStream in = bundled()) {
                return Fingerprints.content(in);
            }
        }
        Path p = Path.of(spec.path());
        if (Files.isRegularFile(p)) {
            return Fingerprints.file(p);
        }
        if (isHubId(spec.path())) {
            return "hub:" + spec.path() + "/" + spec.config() + ":" + spec.split() + "@" + spec.revision();
        }
        throw new IllegalArgumentException("data.path " + spec.path()
                + ": no such file, and not a hub dataset id (org/name) or " + DataSpec.BUNDLED);
    }

    /** The licence line of the report. */
    static String licence(DataSpec spec) {
        return spec.licence().isEmpty() && spec.bundled() ? BUNDLED_LICENCE : spec.licence();
    }

    /** Whether a file is SQuAD JSON: a {@code .json} file whose top-level object holds paragraphs. */
    static boolean isSquadJson(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (!Files.isRegularFile(p) || !(name.endsWith(".json") || name.endsWith(".json.gz"))) {
            return false;
        }
        try (BufferedReader r = TextFiles.open(p)) {
            char[] head = new char[1 << 16];
            int n = r.read(head);
            String s = n <= 0 ? "" : new String(head, 0, n).stripLeading();
            return s.startsWith("{") && s.contains("\"data\"") && s.contains("\"paragraphs\"");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isHubId(String path) {
        return path.matches("[A-Za-z0-9][\\w.-]*/[\\w.-]+") && !Files.exists(Path.of(path));
    }

    private static InputStream bundled() {
        InputStream in = QaData.class.getResourceAsStream(BUNDLED_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the bundled data " + BUNDLED_RESOURCE + " is missing from the class path");
        }
        return in;
    }

    private static List<QaRow> jsonLines(Reader reader, DataSpec spec) throws IOException {
        List<QaRow> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(reader)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode n = JSON.readTree(line);
                    rows.add(row(
                            n.path(spec.question()).asText(),
                            n.path(spec.answer()).asText(),
                            group(n, spec)));
                }
            }
        }
        return rows;
    }

    private static String group(JsonNode n, DataSpec spec) {
        return spec.group().isEmpty()
                ? n.path(spec.question()).asText()
                : n.path(spec.group()).asText();
    }

    /** SQuAD JSON: the answerable questions (unanswerable ones are left out), with context and title. */
    private static List<QaRow> squad(Path file, DataSpec spec) throws IOException {
        JsonNode root;
        try (BufferedReader r = TextFiles.open(file)) {
            root = JSON.readTree(r);
        }
        List<QaRow> rows = new ArrayList<>();
        for (JsonNode article : root.path("data")) {
            String title = article.path("title").asText().replace('_', ' ');
            for (JsonNode paragraph : article.path("paragraphs")) {
                String context = paragraph.path("context").asText().strip();
                for (JsonNode qa : paragraph.path("qas")) {
                    if (qa.path("is_impossible").asBoolean(false)
                            || qa.path("answers").isEmpty()) {
                        continue;
                    }
                    String question = qa.path("question").asText().strip();
                    String group =
                            spec.group().equals("title") ? title : spec.group().equals("context") ? context : question;
                    rows.add(row(question, context, group));
                }
            }
        }
        return rows;
    }

    private static List<QaRow> dataset(DataSpec spec, HubClient hub) throws IOException {
        Path p = Path.of(spec.path());
        Dataset d;
        if (Files.isRegularFile(p)) {
            ReadOptions read = ReadOptions.defaults();
            if (!spec.columnNames().isEmpty()) {
                read = read.withColumnNames(spec.columnNames());
            }
            d = DatasetFiles.read(p, read);
        } else if (isHubId(spec.path())) {
            d = HubDatasets.load(hub, new HubDatasetRef(spec.path(), spec.config(), spec.split(), spec.revision()));
        } else {
            throw new IllegalArgumentException("data.path " + spec.path()
                    + ": no such file, and not a hub dataset id (org/name) or " + DataSpec.BUNDLED);
        }
        for (String[] c :
                new String[][] {{"question", spec.question()}, {"answer", spec.answer()}, {"group", spec.group()}}) {
            if (!c[1].isEmpty() && !d.columns().contains(c[1])) {
                throw new DataFormatException(
                        p,
                        0,
                        "no column \"" + c[1] + "\" for data." + c[0] + " (columns: "
                                + String.join(", ", d.columns()) + "); name the columns with data.question, data.answer"
                                + " and data.group");
            }
        }
        int limit = spec.limit() > 0 ? Math.min(spec.limit(), d.size()) : d.size();
        List<QaRow> rows = new ArrayList<>(limit);
        for (Row r : d.rows().subList(0, limit)) {
            String question = text(r, spec.question());
            rows.add(row(question, text(r, spec.answer()), spec.group().isEmpty() ? question : text(r, spec.group())));
        }
        return rows;
    }

    private static String text(Row r, String column) throws IOException {
        Object v = r.get(column).orElse(null);
        if (v == null || String.valueOf(v).isBlank()) {
            throw r.error("column " + column + " is empty");
        }
        return String.valueOf(v);
    }

    private static QaRow row(String question, String answer, String group) {
        return new QaRow(question, answer, group);
    }
}
