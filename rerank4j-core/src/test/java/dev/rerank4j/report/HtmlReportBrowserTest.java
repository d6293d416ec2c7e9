package dev.rerank4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: Debian's chromium, headless. The page renders every section and chart, fetches
 * nothing, has no broken image and logs nothing to the console, fits a narrow window, and its screenshot shows the
 * charts' colours. Skipped when no chromium is found, unless {@code RERANK4J_REQUIRE_CHROMIUM=true} (CI sets it), then
 * it fails. The sample page and its screenshot stay in {@code target/report-sample/} to be looked at.
 */
@Tag("browser")
class HtmlReportBrowserTest {
    private static final List<String> SECTIONS =
            List.of("stages", "config", "data", "mining", "training", "evaluation", "examples", "notes");
    private static final Path SAMPLE_DIR = Path.of("target", "report-sample");

    @TempDir
    static Path work;

    private static HeadlessChromium chromium;

    @BeforeAll
    static void findChromium() {
        chromium = HeadlessChromium.find(work).orElse(null);
        if (chromium == null && "true".equals(System.getenv("RERANK4J_REQUIRE_CHROMIUM"))) {
            fail("RERANK4J_REQUIRE_CHROMIUM=true but no chromium on the PATH (apt-get install chromium, or set"
                    + " CHROMIUM=/path/to/chrome)");
        }
        Assumptions.assumeTrue(chromium != null, "no chromium on the PATH: the browser check is skipped");
    }

    @Test
    void theSampleReportRendersWholeWithoutErrorsAndFitsANarrowWindow() throws Exception {
        Path page = SAMPLE_DIR.resolve("report.html");
        HtmlReport.write(SampleReports.full(), page);
        RunReportJson.write(SampleReports.full(), SAMPLE_DIR.resolve("report.json"));

        HeadlessChromium.Probe desktop = chromium.probe(page, 1280, 900);
        JsonNode f = desktop.facts();
        assertThat(strings(f.get("sections"))).containsExactlyElementsOf(SECTIONS);
        assertThat(f.get("svgs").asInt()).isEqualTo(7);
        assertThat(f.get("smallSvgs").asInt())
                .as("charts drawn at a readable size")
                .isZero();
        assertThat(f.get("brokenImages").asInt()).isZero();
        assertThat(strings(f.get("resources"))).as("resources the page fetched").isEmpty();
        assertThat(strings(f.get("references"))).as("files the page refers to").isEmpty();
        assertThat(f.get("scrollWidth").asInt()).isLessThanOrEqualTo(1280);
        assertThat(desktop.console()).as("console messages").isEmpty();

        // 500 px: the narrowest window headless chromium opens
        HeadlessChromium.Probe narrow = chromium.probe(page, 500, 900);
        assertThat(narrow.facts().get("innerWidth").asInt()).isEqualTo(500);
        assertThat(narrow.facts().get("scrollWidth").asInt())
                .as("no sideways scrolling")
                .isLessThanOrEqualTo(500);
        assertThat(narrow.facts().get("smallSvgs").asInt()).isZero();
        assertThat(narrow.console()).isEmpty();

        int height = Math.min(f.get("scrollHeight").asInt(), 16000);
        Path png = SAMPLE_DIR.resolve("report.png");
        Files.deleteIfExists(png);
        assertThat(chromium.screenshot(page, png, 1280, height)).isEmpty();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1280);
        assertThat(img.getHeight()).isEqualTo(height);
        assertThat(inkShare(img)).as("share of non-white pixels").isGreaterThan(0.04);
        // the histogram bars (positives, negatives) and the loss and metric lines are on screen
        for (String colour :
                List.of(ReportSections.POSITIVE_COLOR, ReportSections.NEGATIVE_COLOR, "#b3261e", "#116329")) {
            assertThat(pixelsNear(img, colour)).as("pixels of colour " + colour).isGreaterThan(200);
        }
    }

    @Test
    void aMinimalReportRendersItsNotRunLines() throws Exception {
        Path page = work.resolve("minimal/report.html");
        HtmlReport.write(SampleReports.minimal(), page);
        HeadlessChromium.Probe p = chromium.probe(page, 1024, 768);
        assertThat(strings(p.facts().get("sections"))).containsExactlyElementsOf(SECTIONS);
        assertThat(p.facts().get("svgs").asInt()).isZero();
        assertThat(strings(p.facts().get("resources"))).isEmpty();
        assertThat(strings(p.facts().get("references"))).isEmpty();
        assertThat(p.console()).isEmpty();
    }

    @Test
    void theChecksCatchABrokenPage() throws Exception {
        Path page = work.resolve("broken/report.html");
        Files.createDirectories(page.getParent());
        Files.writeString(
                page,
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><title>broken</title>"
                        + "<link rel=\"stylesheet\" href=\"missing.css\"/></head><body><section id=\"a\">a</section>"
                        + "<img src=\"missing.png\" alt=\"missing\"/><script>console.error('bad thing');"
                        + " throw new Error('boom');</script></body></html>");
        HeadlessChromium.Probe p = chromium.probe(page, 800, 600);
        assertThat(p.facts().get("brokenImages").asInt()).isEqualTo(1);
        assertThat(strings(p.facts().get("references"))).containsExactly("missing.css", "missing.png");
        assertThat(String.join("\n", p.console())).contains("bad thing", "Uncaught Error: boom");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static double inkShare(BufferedImage img) {
        long ink = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    ink++;
                }
            }
        }
        return ink / ((img.getHeight() / 2.0) * (img.getWidth() / 2.0));
    }

    private static long pixelsNear(BufferedImage img, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int d = Math.abs(((rgb >> 16) & 0xff) - ((want >> 16) & 0xff))
                        + Math.abs(((rgb >> 8) & 0xff) - ((want >> 8) & 0xff))
                        + Math.abs((rgb & 0xff) - (want & 0xff));
                if (d <= 24) {
                    n++;
                }
            }
        }
        return n;
    }
}
