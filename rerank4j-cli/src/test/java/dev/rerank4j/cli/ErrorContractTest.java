package dev.rerank4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.io.TempPaths;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.testing.TinyModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The error contract of the README ("Commands"), family by family (issue 15): each bad input or output exits with 2
 * and prints ONE line that names the file (or flag) and the reason; nothing is written, and no temporary file stays.
 * Usage errors print the error and one line pointing to {@code --help}.
 */
class ErrorContractTest {
    @TempDir
    static Path shared;

    static Path model;

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @BeforeAll
    static void makeModel() {
        model = TinyModels.reranker(shared.resolve("tiny-bert"), Architecture.BERT);
    }

    /** One row of a table: a name, the command line (made from the test's folder) and what the line must say. */
    record Case(String name, Args args, String... expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Args {
        String[] in(Path tmp) throws IOException;
    }

    static Path pairs(Path tmp) throws IOException {
        return Files.writeString(tmp.resolve("pairs.jsonl"), "{\"query\": \"q\", \"document\": \"d\"}\n");
    }

    static Path dir(Path tmp, String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    static Path file(Path tmp, String name) throws IOException {
        return Files.writeString(tmp.resolve(name), "x\n");
    }

    static String m() {
        return model.toString();
    }

    /** A model path that does not exist: a check that fails with it has run before the model was loaded. */
    static String noModel(Path tmp) {
        return tmp.resolve("never-loaded").toString();
    }

    // ---- family 1: every output location is checked before any work, with the reason ----

    static Stream<Case> outputs() {
        return Stream.of(
                new Case(
                        "predict -o <a directory>",
                        t -> new String[] {
                            "predict",
                            "-m",
                            noModel(t),
                            "-i",
                            pairs(t).toString(),
                            "-o",
                            dir(t, "out").toString()
                        },
                        "--output ",
                        "out: is a directory"),
                new Case(
                        "predict -o <below a file>",
                        t -> new String[] {
                            "predict",
                            "-m",
                            noModel(t),
                            "-i",
                            pairs(t).toString(),
                            "-o",
                            file(t, "plain").resolve("x.jsonl").toString()
                        },
                        "plain is a file, not a folder"),
                new Case(
                        "predict -o equal to -i",
                        t -> new String[] {
                            "predict", "-m", noModel(t), "-i", pairs(t).toString(), "-o", pairs(t).toString()
                        },
                        "pairs.jsonl: is also the --input file; writing it would overwrite the input"),
                new Case(
                        "eval --output <a directory>",
                        t -> new String[] {
                            "eval",
                            "-m",
                            noModel(t),
                            "--pairs",
                            pairs(t).toString(),
                            "--output",
                            dir(t, "rep").toString()
                        },
                        "--output ",
                        "rep: is a directory"),
                new Case(
                        "eval --csv-dir <a file>",
                        t -> new String[] {
                            "eval",
                            "-m",
                            noModel(t),
                            "--pairs",
                            pairs(t).toString(),
                            "--csv-dir",
                            file(t, "csv").toString()
                        },
                        "--csv-dir ",
                        "csv: is a file, not a folder"),
                new Case(
                        "mine -o <a directory>",
                        t -> new String[] {
                            "mine",
                            "--retriever",
                            "bm25",
                            "-d",
                            pairs(t).toString(),
                            "-o",
                            dir(t, "mined").toString()
                        },
                        "--output ",
                        "mined: is a directory"),
                new Case(
                        "mine --cache-dir <a file>",
                        t -> new String[] {
                            "mine",
                            "-d",
                            pairs(t).toString(),
                            "-o",
                            t.resolve("m.jsonl").toString(),
                            "--cache-dir",
                            file(t, "cache").toString()
                        },
                        "--cache-dir ",
                        "cache: is a file, not a folder"),
                new Case(
                        "train output_dir <a file>",
                        t -> new String[] {
                            "train",
                            "--config",
                            Files.writeString(
                                            t.resolve("c.yaml"),
                                            "model: " + noModel(t) + "\ntrain_dataset: {path: " + pairs(t)
                                                    + "}\noutput_dir: " + file(t, "outfile") + "\n")
                                    .toString()
                        },
                        "output_dir ",
                        "outfile: is a file, not a folder"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void outputsAreCheckedBeforeAnyWork(Case c) throws Exception {
        byte[] input = Files.readAllBytes(pairs(tmp));
        assertBadInput(c);
        assertThat(Files.readAllBytes(tmp.resolve("pairs.jsonl")))
                .as("the input is untouched")
                .isEqualTo(input);
    }

    // ---- family 2: input errors keep their file, line and reason ----

    static Stream<Case> inputs() {
        return Stream.of(
                new Case(
                        "rank --documents with invalid UTF-8",
                        t -> new String[] {
                            "rank",
                            "-m",
                            m(),
                            "-q",
                            "q",
                            "-d",
                            bytes(t, "docs.txt", "one\n\u00ff\u00fe two\n").toString()
                        },
                        "docs.txt:2: not valid UTF-8"),
                new Case(
                        "rank --documents <a directory>",
                        t -> new String[] {
                            "rank", "-m", m(), "-q", "q", "-d", dir(t, "docs").toString()
                        },
                        "docs: is a directory, not a file"),
                new Case(
                        "rank --documents <a truncated .gz>",
                        t -> new String[] {
                            "rank",
                            "-m",
                            m(),
                            "-q",
                            "q",
                            "-d",
                            truncatedGzip(t, "docs.txt.gz").toString()
                        },
                        "docs.txt.gz:",
                        "the gzip data ends early (truncated file)"),
                new Case(
                        "predict -i <a truncated .jsonl.gz>",
                        t -> new String[] {
                            "predict",
                            "-m",
                            m(),
                            "-i",
                            truncatedGzip(t, "pairs.jsonl.gz").toString()
                        },
                        "pairs.jsonl.gz:",
                        "the gzip data ends early"),
                new Case(
                        "predict -i <a directory>",
                        t -> new String[] {
                            "predict", "-m", m(), "-i", dir(t, "in").toString()
                        },
                        "in: is a directory, not a file"),
                new Case(
                        "mine -d <a directory>",
                        t -> new String[] {
                            "mine",
                            "--retriever",
                            "bm25",
                            "-d",
                            dir(t, "d").toString(),
                            "-o",
                            t.resolve("m.jsonl").toString()
                        },
                        "d: is a directory, not a file"),
                new Case(
                        "eval --beir <a folder without qrels/test.tsv>",
                        t -> {
                            Path beir = dir(t, "beir");
                            Files.writeString(beir.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"text\": \"a\"}\n");
                            Files.writeString(beir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"a\"}\n");
                            return new String[] {"eval", "-m", m(), "--beir", beir.toString()};
                        },
                        "qrels/test.tsv: missing"),
                new Case(
                        "eval --beir <a folder without queries.jsonl>",
                        t -> {
                            Path beir = dir(t, "beir");
                            Files.writeString(beir.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"text\": \"a\"}\n");
                            Files.writeString(dir(t, "beir/qrels").resolve("test.tsv"), "q1\td1\t1\n");
                            return new String[] {"eval", "-m", m(), "--beir", beir.toString()};
                        },
                        "queries.jsonl: missing (neither queries.jsonl nor queries.jsonl.gz"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void inputErrorsNameTheFileLineAndReason(Case c) throws Exception {
        assertBadInput(c);
    }

    // ---- family 3: parser messages become one line of ours, with file:line:column and a fix ----

    static Stream<Case> parsers() {
        return Stream.of(
                new Case(
                        "a truncated config.json",
                        t -> predictWith(t, brokenModel(t, "config.json", 40)),
                        "config.json:",
                        ": not valid JSON (Unexpected end-of-input",
                        "save or download the model again"),
                new Case(
                        "a garbage tokenizer.json",
                        t -> {
                            Path dir = brokenModel(t, "tokenizer.json", 0);
                            Files.writeString(dir.resolve("tokenizer.json"), "garbage{");
                            return predictWith(t, dir);
                        },
                        "tokenizer.json:1:1: not valid JSON (Unrecognized token 'garbage'"),
                new Case(
                        "zeroed bytes in the safetensors header",
                        t -> {
                            Path dir = brokenModel(t, "model.safetensors", -1);
                            try (RandomAccessFile f = new RandomAccessFile(
                                    dir.resolve("model.safetensors").toFile(), "rw")) {
                                f.seek(9);
                                f.write(new byte[4]);
                            }
                            return predictWith(t, dir);
                        },
                        "model.safetensors:1:",
                        "the safetensors header is not valid JSON",
                        "save or download the model again"),
                new Case(
                        "a YAML syntax error",
                        t -> new String[] {
                            "train",
                            "--config",
                            Files.writeString(t.resolve("bad.yaml"), "model: x\ntrain_dataset:\n  path: [a\n  b: c\n")
                                    .toString()
                        },
                        "bad.yaml:4:4: not valid YAML/JSON (while parsing a flow sequence: expected ',' or ']'",
                        "fix the syntax there"),
                new Case(
                        "a garbage Parquet file",
                        t -> new String[] {
                            "mine",
                            "--retriever",
                            "bm25",
                            "-d",
                            bytes(t, "pairs.parquet", "PAR1 this is not parquet at all")
                                    .toString(),
                            "-o",
                            t.resolve("m.jsonl").toString()
                        },
                        "pairs.parquet: cannot be read as Parquet (not a Parquet file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsers")
    void parserMessagesBecomeOneLineOfOurs(Case c) throws Exception {
        String line = assertBadInput(c);
        assertThat(line).doesNotContain("Source:", "REDACTED", "Exception", "SELECT", "in 'reader'");
    }

    // ---- family 4: silent nonsense is said out loud ----

    @Test
    void beirQrelsNamingNoDocumentOfTheCorpusFail() throws Exception {
        Path beir = beir("q1\tnope1\t1\nq2\tnope2\t1\n");
        assertBadInput(
                new Case("all unknown", t -> new String[] {"eval", "-m", m(), "--beir", beir.toString()}),
                "test.tsv: none of its 2 judgments names a document of the corpus (first: \"nope1\" at line 1)",
                "nothing can be judged");
    }

    @Test
    void beirQrelsNamingSomeUnknownDocumentsWarnWithCounts() throws Exception {
        Path beir = beir("q1\td1\t1\nq2\tnope\t1\n");
        int code = Main.run("eval", "-m", m(), "--beir", beir.toString(), "--rerank-k", "2");
        assertThat(code).as(console.err()).isZero();
        assertThat(console.err())
                .contains("test.tsv: 1 of 2 judgments name documents that are not in the corpus (first: \"nope\" at"
                        + " line 2); they are left out, and 1 query is left with no judged document (scored 0)");
    }

    private Path beir(String qrels) throws IOException {
        Path beir = dir(tmp, "beir");
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "d1", "text": "paris is the capital of france"}
                {"_id": "d2", "text": "the dog sat on the mat"}
                """);
        Files.writeString(beir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "capital of france"}
                {"_id": "q2", "text": "where did the dog sit"}
                """);
        Files.writeString(dir(tmp, "beir/qrels").resolve("test.tsv"), qrels);
        return beir;
    }

    // ---- family 5: temporary names of killed runs are removed by later runs ----

    @Test
    void aLaterRunRemovesTheTemporaryFilesOfADeadProcess() throws Exception {
        Path out = dir(tmp, "out");
        // What a kill -9 leaves: a temporary output file and a half-written model folder of a process now gone.
        Path deadFile = Files.writeString(out.resolve(".scores.jsonl.rerank4j-tmp-999999999-abc"), "partial");
        Path deadDir = dir(tmp, "out/.final.rerank4j-tmp-999999999-def");
        Files.writeString(deadDir.resolve("model.safetensors"), "partial");
        Path live = Files.writeString(
                out.resolve(".other.rerank4j-tmp-" + ProcessHandle.current().pid() + "-ghi"), "being written");
        int code = Main.run(
                "predict",
                "-m",
                m(),
                "-i",
                pairs(tmp).toString(),
                "-o",
                out.resolve("s.jsonl").toString());
        assertThat(code).as(console.err()).isZero();
        assertThat(deadFile).doesNotExist();
        assertThat(deadDir).doesNotExist();
        assertThat(live).as("a running process's temporary file is left alone").exists();
        assertThat(TempPaths.isTemporary(live)).isTrue();
    }

    // ---- family 6: a local path or a hub id ----

    static Stream<Case> modelIds() {
        return Stream.of(
                new Case(
                        "a path with two slashes",
                        t -> predictWith(t, "models/best/v2"),
                        "no local directory models/best/v2, and it cannot be a hub id"),
                new Case(
                        "a path starting with ./",
                        t -> predictWith(t, "./models/best"),
                        "no local directory ./models/best, and it cannot be a hub id"),
                new Case(
                        "a path with a backslash",
                        t -> predictWith(t, "models\\best"),
                        "no local directory models\\best, and it cannot be a hub id"),
                new Case(
                        "org/name whose org is a local folder",
                        t -> predictWith(t, "target/no-such-model"),
                        "no local directory target/no-such-model (target/ is a local folder"),
                new Case(
                        "a hub id while HF_HUB_OFFLINE=1", // surefire runs offline with an empty cache
                        t -> predictWith(t, "no-such-org/no-such-model"),
                        "no local directory no-such-org/no-such-model; as a hub id it could not be fetched:",
                        "HF_HUB_OFFLINE=1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelIds")
    void aModelThatIsNeitherADirectoryNorAFetchableIdSaysBoth(Case c) throws Exception {
        assertBadInput(c);
    }

    // ---- family 7: usage errors: the error and one line pointing to --help ----

    static Stream<Case> usage() {
        return Stream.of(
                new Case(
                        "an unknown option",
                        t -> new String[] {"predict", "-m", m(), "-i", "x", "--bogus"},
                        "rerank4j predict: Unknown option: '--bogus'"),
                new Case(
                        "a missing required option",
                        t -> new String[] {"predict", "-m", m()},
                        "rerank4j predict: Missing required option: '--input=FILE'"),
                new Case(
                        "a bad enum value",
                        t -> new String[] {"predict", "-m", m(), "-i", "x", "--truncation", "SOMETIMES"},
                        "rerank4j predict: Invalid value for option '--truncation'"),
                new Case(
                        "a number that is not one",
                        t -> new String[] {"rank", "-m", m(), "-q", "q", "-d", "x", "-k", "ten"},
                        "rerank4j rank: Invalid value for option '--top-k'"),
                new Case("no command", t -> new String[0], "rerank4j: missing a command"),
                new Case("an unknown command", t -> new String[] {"frobnicate"}, "rerank4j: Unmatched argument"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usage")
    void usageErrorsPrintTheErrorAndOneLinePointingToHelp(Case c) throws Exception {
        int code = Main.run(c.args().in(tmp));
        List<String> lines = console.err().lines().toList();
        assertThat(code).as(console.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(lines).as(console.err()).hasSize(2);
        assertThat(lines.get(0)).contains(c.expected());
        assertThat(lines.get(1)).matches("Run 'rerank4j( \\w+)? --help' for the options\\.");
        assertThat(console.out()).isEmpty();
    }

    // ---- shared checks ----

    private String assertBadInput(Case c) throws Exception {
        return assertBadInput(c, c.expected());
    }

    /** Exit 2, one line on standard error holding every fragment, nothing on standard output, no temporary file. */
    private String assertBadInput(Case c, String... expected) throws Exception {
        int code = Main.run(c.args().in(tmp));
        List<String> lines = console.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(code).as(console.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(lines).as("one line: " + console.err()).hasSize(1);
        assertThat(lines.get(0)).contains(expected);
        assertThat(console.out()).as("no partial output").isEmpty();
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(p -> TempPaths.isTemporary(p)
                                    || p.getFileName().toString().endsWith(".tmp"))
                            .toList())
                    .as("no temporary file left behind")
                    .isEmpty();
        }
        assertThat(Files.exists(tmp.resolve("m.jsonl"))).as("no output").isFalse();
        return lines.get(0);
    }

    static String[] predictWith(Path tmp, Object modelArg) throws IOException {
        return new String[] {
            "predict", "-m", modelArg.toString(), "-i", pairs(tmp).toString()
        };
    }

    /** A copy of the tiny model with {@code name} cut to {@code keep} bytes (0: emptied; -1: kept whole). */
    static Path brokenModel(Path tmp, String name, int keep) throws IOException {
        Path dir = dir(tmp, "broken");
        try (Stream<Path> files = Files.list(model)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        if (keep >= 0) {
            byte[] all = Files.readAllBytes(dir.resolve(name));
            Files.write(dir.resolve(name), java.util.Arrays.copyOf(all, Math.min(keep, all.length)));
        }
        return dir;
    }

    /** A file of the given characters as ISO-8859-1 bytes (so {@code \u00ff} is the byte 0xff). */
    static Path bytes(Path tmp, String name, String latin1) throws IOException {
        return Files.write(tmp.resolve(name), latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Path truncatedGzip(Path tmp, String name) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buffer)) {
            for (int i = 0; i < 200; i++) {
                gz.write(("{\"query\": \"q" + i + "\", \"document\": \"document number " + i + "\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] all = buffer.toByteArray();
        return Files.write(tmp.resolve(name), java.util.Arrays.copyOf(all, all.length / 2));
    }
}
