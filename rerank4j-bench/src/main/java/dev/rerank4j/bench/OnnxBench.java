package dev.rerank4j.bench;

import dev.rerank4j.ProgressListener;
import dev.rerank4j.hub.ModelLocator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * libtorch vs ONNX Runtime in one run, on the same pairs (issue 14, item 4): the first N WikiQA dev pairs in
 * length-sorted batches of 32 and a fixed 16x128 batch, through the backend seam (tokenization excluded, the same
 * batches for every engine), then {@code predict} end to end and the encoding of a mining corpus. Each engine runs in
 * its own JVM ({@link OnnxEngineRun}), so that its load time and peak RSS are its own; engines run one after another.
 *
 * <p>Rows: libtorch fp32 on all-MiniLM-L6-v2 (safetensors); ORT fp32 on the reference ONNX file of the langchain4j
 * artifact (the same MiniLM); with {@code --export DIR}, a model directory holding our export, libtorch on its
 * safetensors and ORT on {@code onnx/model.onnx} and {@code onnx/model_qint8_avx2.onnx} where present; with {@code
 * --onnx label=FILE,...}, any other cross-encoder graphs. With {@code --python PY} (a Python with sentence-transformers
 * 6), {@code scripts/st_bench.py} adds sentence-transformers' {@code CrossEncoder.predict} on CPU PyTorch (and {@code
 * backend="onnx"} where it loads) on the same pairs.
 *
 * <p>Usage: {@code Bench onnx [--pairs 1000] [--batch 32] [--runs 3] [--threads 0] [--shared DIR] [--export DIR]
 * [--onnx label=FILE,...] [--python PY]}.
 */
public final class OnnxBench {
    private OnnxBench() {}

    record Row(String engine, String work, String kind, Path target, List<String> extra) {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        String n = a.get("--pairs", "1000");
        String batch = a.get("--batch", "32");
        String runs = a.get("--runs", "3");
        String threads = a.get("--threads", "0");
        Path shared = Path.of(a.get("--shared", "../shared")).toAbsolutePath();
        Path minilm = ModelLocator.fromEnvironment(ProgressListener.NONE)
                .locate("sentence-transformers/all-MiniLM-L6-v2", "main");
        Path work = Files.createTempDirectory("onnx-bench");
        Path withOnnx = miniLmWithReferenceGraph(minilm, work.resolve("minilm-onnx"));
        Path reference = withOnnx.resolve("onnx/model.onnx");

        List<Row> rows = new ArrayList<>();
        rows.add(new Row("libtorch fp32, MiniLM-L6 safetensors", "seam", "torch-encoder", minilm, List.of()));
        rows.add(new Row("ORT fp32, reference ONNX (langchain4j)", "seam", "onnx-encoder", reference, List.of()));
        String export = a.get("--export", "");
        if (!export.isEmpty()) {
            Path dir = Path.of(export).toAbsolutePath();
            if (Files.isRegularFile(dir.resolve("model.safetensors"))) {
                rows.add(new Row("libtorch fp32, our model", "seam", "torch-encoder", dir, List.of()));
            }
            for (String f : List.of("onnx/model.onnx", "onnx/model_qint8_avx2.onnx")) {
                if (Files.isRegularFile(dir.resolve(f))) {
                    rows.add(new Row("ORT, our export " + f, "seam", "onnx-logits", dir.resolve(f), List.of()));
                }
            }
        }
        for (String spec : a.get("--onnx", "").split(",")) {
            if (!spec.isBlank()) {
                String[] kv = spec.split("=", 2);
                rows.add(new Row(
                        "ORT, " + kv[0], "seam", "onnx-logits", Path.of(kv[1]).toAbsolutePath(), List.of()));
            }
        }
        rows.add(new Row("libtorch fp32, MiniLM-L6", "predict", "predict-torch", minilm, List.of()));
        if (!export.isEmpty()) {
            Path dir = Path.of(export).toAbsolutePath();
            for (String f : List.of("onnx/model.onnx", "onnx/model_qint8_avx2.onnx")) {
                if (Files.isRegularFile(dir.resolve(f))) {
                    rows.add(new Row("ORT, our export " + f, "predict", "predict-onnx", dir, List.of("--file", f)));
                }
            }
        }
        rows.add(new Row("libtorch fp32, MiniLM-L6", "embed corpus", "embed-torch", minilm, List.of()));
        rows.add(new Row("ORT fp32, reference ONNX", "embed corpus", "embed-onnx", withOnnx, List.of()));

        List<String> common = List.of(
                "--pairs", n, "--batch", batch, "--runs", runs, "--threads", threads, "--shared", shared.toString());
        List<String[]> results = new ArrayList<>();
        for (Row row : rows) {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Bench.class.getName(),
                    "onnx-engine",
                    row.kind(),
                    "--target",
                    row.target().toString()));
            cmd.addAll(common);
            cmd.addAll(row.extra());
            System.err.println("running " + row.engine() + " (" + row.work() + ")");
            results.add(result(row, run(cmd)));
        }
        String python = a.get("--python", "");
        if (!python.isEmpty()) {
            Path script = Path.of(a.get("--script", "rerank4j-bench/scripts/st_bench.py"))
                    .toAbsolutePath();
            List<String> cmd = new ArrayList<>(List.of(
                    python,
                    script.toString(),
                    "--model",
                    minilm.toString(),
                    "--wikiqa",
                    shared.resolve("datasets/wikiqa/WikiQA-dev.tsv").toString()));
            cmd.addAll(List.of("--pairs", n, "--batch", batch, "--runs", runs, "--threads", threads));
            System.err.println("running sentence-transformers (" + python + ")");
            for (String line : run(cmd)) {
                String[] f = line.split(" ");
                results.add(new String[] {
                    "sentence-transformers 6, " + f[1].replace('_', ' '),
                    f[2].replace('_', ' '),
                    f[3],
                    f[4],
                    f[5],
                    f[6].equals("nan") ? "NaN" : f[6],
                    f[7]
                });
            }
        }
        print(results, a, Runtime.getRuntime().availableProcessors());
    }

    private static String[] result(Row row, List<String> lines) {
        if (lines.isEmpty()) {
            return new String[] {row.engine(), row.work(), "failed", "", "", "", ""};
        }
        String[] f = lines.get(lines.size() - 1).split(" ");
        return new String[] {row.engine(), row.work(), f[2], f[3], f[4], f[5], f[6]};
    }

    /** Runs a command; returns its RESULT lines (other output goes to standard error). */
    private static List<String> run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    out.add(line);
                } else {
                    System.err.println(line);
                }
            }
        }
        int code = p.waitFor();
        if (code != 0) {
            System.err.println("exit " + code + ": " + String.join(" ", cmd.subList(0, Math.min(6, cmd.size()))));
        }
        return out;
    }

    private static void print(List<String[]> results, Args a, int cores) {
        double ref = Double.NaN;
        for (String[] r : results) {
            if (r[0].startsWith("ORT fp32, reference ONNX (") && r[1].equals("seam")) {
                ref = Double.parseDouble(r[3]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "WikiQA dev, first %s pairs, batch %s, %s runs (median), %s threads, %d cores%n",
                a.get("--pairs", "1000"),
                a.get("--batch", "32"),
                a.get("--runs", "3"),
                a.get("--threads", "0"),
                cores);
        System.out.println("| engine | work | load s | pairs/s (texts/s for embed) | ms per batch | 16x128 batch ms"
                + " | peak RSS MB | x reference ORT (seam) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (String[] r : results) {
            if (r[2].equals("failed")) {
                System.out.printf("| %s | %s | failed | | | | | |%n", r[0], r[1]);
                continue;
            }
            double rate = Double.parseDouble(r[3]);
            String ratio = r[1].equals("seam") ? String.format(Locale.ROOT, "%.2f", rate / ref) : "";
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %d | %s |%n",
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    r[5].equals("NaN") ? "" : r[5],
                    Long.parseLong(r[6]) / 1024,
                    ratio);
        }
    }

    /** A directory of symbolic links to the MiniLM files, plus the reference graph as {@code onnx/model.onnx}. */
    private static Path miniLmWithReferenceGraph(Path minilm, Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(minilm)) {
            for (Path p : walk.toList()) {
                Path target = dir.resolve(minilm.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createSymbolicLink(target, p.toAbsolutePath());
                }
            }
        }
        Files.createDirectories(dir.resolve("onnx"));
        try (InputStream in = OnnxBench.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            Files.copy(in, dir.resolve("onnx/model.onnx"));
        }
        return dir;
    }
}
