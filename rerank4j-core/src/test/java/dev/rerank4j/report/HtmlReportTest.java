package dev.rerank4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class HtmlReportTest {
    private static final List<String> SECTIONS =
            List.of("stages", "config", "data", "mining", "training", "evaluation", "examples", "notes");

    @Test
    void aFullReportHasEverySectionItsChartsAndItsNumbers() throws Exception {
        RunReport r = SampleReports.full();
        String html = HtmlReport.render(r);
        Document doc = Xml.parse(html);
        assertThat(Xml.all(doc, "section"))
                .extracting(e -> e.getAttribute("id"))
                .containsExactlyElementsOf(SECTIONS);
        // 2 mining histograms, loss, learning rate, 3 evaluation metrics (not eval_runtime nor samples/s)
        assertThat(Xml.all(doc, "svg")).hasSize(7);
        assertThat(Xml.all(doc, "svg"))
                .extracting(e -> e.getElementsByTagName("title").item(0).getTextContent())
                .containsExactly(
                        "Scores of train: positives vs negatives",
                        "Scores of eval: positives vs negatives",
                        "Training loss",
                        "Learning rate",
                        "squad-dev_map",
                        "squad-dev_mrr@10",
                        "squad-dev_ndcg@10");
        assertThat(html).doesNotContain("runtime").doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(Xml.withClass(doc, "p", "not-run")).isEmpty();
        // the whole page loads nothing: no script, no stylesheet link, no image file, no remote URL
        assertThat(Xml.all(doc, "script")).isEmpty();
        assertThat(Xml.all(doc, "link")).isEmpty();
        assertThat(Xml.all(doc, "img")).isEmpty();
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                .doesNotContain("http://", "https://", "url(", "@import", " src=");
        // counts with thousands separators, metrics with 4 decimals, signed deltas, stage times
        String text = Xml.byId(doc, "mining").getTextContent();
        assertThat(text).contains("4,870 anchors", "1,204 documents searched", "29,220 rows written");
        Element summary = Xml.withClass(doc, "table", "summary").get(0);
        List<String> firstRow = cells(summary, 1);
        assertThat(firstRow)
                .containsExactly(
                        "squad-dev (top 30)",
                        "in-domain",
                        "ndcg@10",
                        "0.6291",
                        "0.5861",
                        "0.7541",
                        "+0.1680",
                        "+0.1250");
        // out-of-domain after in-domain, with the drop below the first stage shown as negative
        assertThat(cells(summary, 4))
                .containsExactly(
                        "BEIR arguana (BM25 top 100)",
                        "out-of-domain",
                        "ndcg@10",
                        "0.4010",
                        "0.3472",
                        "0.3807",
                        "+0.0335",
                        "-0.0203");
        assertThat(Xml.all(doc, "h3")).extracting(Element::getTextContent).contains("in-domain", "out-of-domain");
        // the evaluator without first-stage figures shows dashes, not zeros
        Element allPositives = Xml.withClass(doc, "table", "comparison").get(1);
        assertThat(cells(allPositives, 1))
                .containsExactly("ndcg@10", "\u2013", "0.6214", "0.7920", "+0.1706", "\u2013");
        assertThat(Xml.withClass(doc, "tr", "primary")).hasSize(4);
        Element stages = Xml.byId(doc, "stages");
        assertThat(stages.getTextContent()).contains("8 min 44 s", "yes (time of its first run)", "11 min 06 s");
        assertThat(Xml.byId(doc, "data").getTextContent()).contains("CC BY-SA 4.0", "4,870", "by article, seed 12");
        assertThat(Xml.withClass(doc, "pre", "config").get(0).getTextContent()).isEqualTo(SampleReports.CONFIG);
        // examples: three rankings each, relevant candidates marked, first-stage ranks shown
        List<Element> rankings = Xml.withClass(doc, "div", "ranking");
        assertThat(rankings).hasSize(6);
        Element after = rankings.get(2);
        List<Element> items = List.copyOf(Xml.all(doc, "li").stream()
                .filter(li -> li.getParentNode().getParentNode() == after)
                .toList());
        assertThat(items).hasSize(4);
        assertThat(items.get(0).getAttribute("class")).isEqualTo("relevant");
        assertThat(items.get(0).getTextContent())
                .isEqualTo("\u2713 The Normans gave their name to Normandy, a region in France. 0.9702 \u00b7 #2");
        assertThat(items.get(1).getAttribute("class")).isEmpty();
        assertThat(Xml.withClass(doc, "li", "relevant")).hasSize(6);
    }

    @Test
    void aMinimalReportSaysWhatDidNotRunInsteadOfDrawingEmptyCharts() throws Exception {
        String html = HtmlReport.render(SampleReports.minimal());
        Document doc = Xml.parse(html);
        assertThat(Xml.all(doc, "section"))
                .extracting(e -> e.getAttribute("id"))
                .containsExactlyElementsOf(SECTIONS);
        assertThat(Xml.all(doc, "svg")).isEmpty();
        assertThat(Xml.withClass(doc, "p", "not-run"))
                .extracting(Element::getTextContent)
                .containsExactly(
                        "No config recorded.",
                        "Mining not run.",
                        "Training not run.",
                        "Evaluation not run.",
                        "No example queries (evaluation not run).",
                        "No notes.");
        assertThat(Xml.byId(doc, "data").getTextContent()).contains("not stated", "1,100");
    }

    @Test
    void trainingWithoutEvaluationsDrawsLossAndRateOnly() throws Exception {
        RunReport base = SampleReports.minimal();
        List<LogEntry> log = List.of(
                new LogEntry(10, 0.5, Map.of("loss", 0.9, "learning_rate", 1e-5)),
                new LogEntry(20, 1.0, Map.of("loss", 0.7, "learning_rate", 0.0)));
        Document doc = Xml.parse(HtmlReport.render(new RunReport(
                base.title(),
                base.createdAt(),
                "a: 1",
                base.stages(),
                base.data(),
                List.of(),
                log,
                List.of(),
                List.of(),
                List.of())));
        assertThat(Xml.all(doc, "svg")).hasSize(2);
        assertThat(Xml.withClass(doc, "p", "not-run"))
                .extracting(Element::getTextContent)
                .contains("No evaluation during training.");
    }

    @Test
    void everyTextIsEscaped() throws Exception {
        String nasty = "<script>alert(\"x & y\")</script> it's <b>bold</b> &amp; \u0001";
        String clean = "<script>alert(\"x & y\")</script> it's <b>bold</b> &amp; \uFFFD";
        RunReport base = SampleReports.full();
        QueryExample.RankedCandidate doc = new QueryExample.RankedCandidate(nasty, 0.5, true);
        RunReport r = new RunReport(
                nasty,
                nasty,
                nasty,
                List.of(new StageTiming(nasty, 1, false, nasty)),
                new DataSummary(nasty, nasty, nasty, 1, 1, 1, 1, 1),
                List.of(new MiningSummary(
                        nasty,
                        nasty,
                        1,
                        1,
                        1,
                        0,
                        base.mining().get(0).positive(),
                        base.mining().get(0).negative(),
                        base.mining().get(0).positiveScores(),
                        base.mining().get(0).negativeScores(),
                        List.of(nasty))),
                List.of(new LogEntry(1, 0.1, Map.of("eval_" + nasty, 0.5))),
                List.of(new EvaluationComparison(
                        nasty, nasty, nasty, Map.of(nasty, 0.1), Map.of(nasty, 0.2), Map.of(nasty, 0.3))),
                List.of(new QueryExample(nasty, nasty, List.of(doc), List.of(doc), List.of(doc))),
                List.of(nasty));
        String html = HtmlReport.render(r);
        assertThat(html)
                .doesNotContain("<script>", "<b>", "it's", "alert(\"x")
                .contains("&lt;script&gt;alert(&quot;x &amp; y");
        Document parsed = Xml.parse(html); // well-formed: no stray < or &
        assertThat(Xml.all(parsed, "h1").get(0).getTextContent()).isEqualTo(clean);
        assertThat(Xml.all(parsed, "title").get(0).getTextContent()).startsWith(clean);
        assertThat(Xml.withClass(parsed, "pre", "config").get(0).getTextContent())
                .isEqualTo(clean);
        assertThat(Xml.withClass(parsed, "p", "query").get(0).getTextContent()).startsWith(clean);
        assertThat(Xml.withClass(parsed, "ul", "notes").get(0).getTextContent()).isEqualTo(clean);
        assertThat(Xml.all(parsed, "script")).isEmpty();
        assertThat(Xml.all(parsed, "b")).isEmpty();
    }

    @Test
    void writeReplacesTheFileWholeAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run/report.html");
        HtmlReport.write(SampleReports.minimal(), file);
        HtmlReport.write(SampleReports.full(), file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(HtmlReport.render(SampleReports.full()));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    /** The text of each cell of the table's {@code row}-th row (0 = the header row). */
    private static List<String> cells(Element table, int row) {
        Element tr = (Element) table.getElementsByTagName("tr").item(row);
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < tr.getChildNodes().getLength(); i++) {
            out.add(tr.getChildNodes().item(i).getTextContent());
        }
        return out;
    }
}
