package dev.rerank4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Drives Debian's {@code chromium} in headless mode for the report's browser checks: loads a page with a probe script
 * appended (it reports, once the page has loaded, the sections, the SVG charts and their rendered size, broken images,
 * every resource the page fetched or refers to (images, scripts, stylesheets, frames, CSS backgrounds) and the page's scroll size), collects the console messages chromium logs, and takes
 * screenshots. Each run has its own profile folder, so parallel runs never share state.
 */
final class HeadlessChromium {
    static final String PROBE_ID = "rerank4j-probe";
    private static final String PROBE = """
            <script>
            window.addEventListener('load', function () {
              var imgs = Array.prototype.slice.call(document.images);
              var svgs = Array.prototype.slice.call(document.querySelectorAll('svg'));
              var r = {
                sections: Array.prototype.map.call(document.querySelectorAll('section[id]'), function (s) { return s.id; }),
                svgs: svgs.length,
                smallSvgs: svgs.filter(function (s) { var b = s.getBoundingClientRect(); return b.width < 100 || b.height < 50; }).length,
                images: imgs.length,
                brokenImages: imgs.filter(function (i) { return !(i.complete && i.naturalWidth > 0); }).length,
                resources: performance.getEntriesByType('resource').map(function (e) { return e.name; }),
                references: Array.prototype.map.call(document.querySelectorAll(
                    'img, script[src], link[href], iframe, object, embed, video, audio, source, image, use[href]'),
                    function (e) { return e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('data') || e.tagName; })
                  .concat(Array.prototype.filter.call(document.querySelectorAll('*'), function (e) {
                    return getComputedStyle(e).backgroundImage !== 'none'; }).map(function (e) { return 'background of ' + e.tagName; })),
                scrollWidth: document.documentElement.scrollWidth,
                scrollHeight: document.documentElement.scrollHeight,
                innerWidth: window.innerWidth
              };
              var pre = document.createElement('pre');
              pre.id = 'rerank4j-probe';
              pre.textContent = JSON.stringify(r);
              document.body.appendChild(pre);
            });
            </script>
            """;

    private final Path executable;
    private final Path workDir;

    private HeadlessChromium(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /** Chromium from {@code -Drerank4j.chromium}, {@code $CHROMIUM} or the {@code PATH}, if there is one. */
    static Optional<HeadlessChromium> find(Path workDir) {
        String configured = System.getProperty("rerank4j.chromium", System.getenv("CHROMIUM"));
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new HeadlessChromium(Path.of(configured), workDir));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate, workDir));
                }
            }
        }
        return Optional.empty();
    }

    /** What the probe saw once {@code page} had loaded in a window {@code width} × {@code height}. */
    record Probe(JsonNode facts, List<String> console) {}

    Probe probe(Path page, int width, int height) throws IOException, InterruptedException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");
        Path probed = page.resolveSibling(".probe-" + page.getFileName());
        Files.writeString(probed, html.substring(0, end) + PROBE + html.substring(end), StandardCharsets.UTF_8);
        try {
            Result r = run(width, height, "--dump-dom", probed.toUri().toString());
            int at = r.stdout().indexOf("<pre id=\"" + PROBE_ID + "\">");
            if (at < 0) {
                throw new AssertionError("the probe did not run; chromium exited " + r.exit() + ":\n" + r.stderr());
            }
            String json = r.stdout()
                    .substring(r.stdout().indexOf('>', at) + 1, r.stdout().indexOf("</pre>", at));
            json = json.replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&");
            return new Probe(new ObjectMapper().readTree(json), console(r.stderr()));
        } finally {
            Files.deleteIfExists(probed);
        }
    }

    /** Screenshots {@code page} in a window {@code width} × {@code height}; returns the console messages logged. */
    List<String> screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        Result r = run(
                width,
                height,
                "--screenshot=" + png.toAbsolutePath(),
                page.toUri().toString());
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("chromium wrote no screenshot; it exited " + r.exit() + ":\n" + r.stderr());
        }
        return console(r.stderr());
    }

    /** The page's console messages among chromium's log lines ({@code ...:CONSOLE:...] "message", source: ...}). */
    static List<String> console(String stderr) {
        return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }

    private record Result(int exit, String stdout, String stderr) {}

    private Result run(int width, int height, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(
                executable.toString(),
                "--headless=new",
                "--disable-gpu",
                "--no-sandbox",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=5000",
                "--window-size=" + width + "," + height));
        cmd.addAll(List.of(args));
        Path out = workDir.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = workDir.resolve("chromium-" + System.nanoTime() + ".err");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 180 s: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
