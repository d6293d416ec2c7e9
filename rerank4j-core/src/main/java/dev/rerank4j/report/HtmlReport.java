package dev.rerank4j.report;

import dev.rerank4j.io.TempPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a {@link RunReport} as one self-contained HTML page ({@code report.html}): the stages, the config, the data
 * and its split, the mining statistics with score histograms, the training loss, learning rate and evaluation metrics
 * over steps, a before/after table per evaluator (with the first stage's figures and the deltas) and example queries.
 * Charts are inline SVG drawn here; the page loads nothing else (no script, no font, no image file), prints on light
 * paper and narrows to a phone's width. All text from the report is HTML-escaped.
 */
public final class HtmlReport {
    private static final String CSS = """
            :root { color-scheme: light; }
            body { margin: 0; background: #ffffff; color: #1a1a1a; font: 15px/1.45 system-ui, -apple-system, \
            "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1100px; margin: 0 auto; padding: 16px 20px 48px; }
            h1 { font-size: 1.7em; margin: 0.3em 0 0.1em; }
            h2 { font-size: 1.3em; margin: 1.6em 0 0.5em; padding-bottom: 0.2em; border-bottom: 2px solid #d0d7de; }
            h3 { font-size: 1.08em; margin: 1.2em 0 0.4em; }
            .when, .muted { color: #555555; }
            nav { margin: 0.6em 0 0; font-size: 0.92em; display: flex; flex-wrap: wrap; gap: 0.2em 1em; }
            nav a { color: #0b5cad; }
            figure { margin: 0; }
            caption { text-align: left; font-weight: 600; padding: 2px 0 4px; }
            figure.histogram { max-width: 640px; }
            table { border-collapse: collapse; margin: 0.4em 0 0.8em; font-size: 0.93em; }
            th, td { border: 1px solid #d0d7de; padding: 4px 9px; text-align: left; vertical-align: top; }
            th { background: #f3f5f7; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.primary td { font-weight: 600; }
            .up { color: #116329; } .down { color: #b3261e; }
            .scroll { overflow-x: auto; }
            pre { background: #f6f8fa; border: 1px solid #d0d7de; padding: 10px 12px; overflow-x: auto; \
            font-size: 0.86em; white-space: pre-wrap; word-break: break-word; }
            .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 420px), 1fr)); \
            gap: 12px; }
            svg.chart { width: 100%; max-width: 640px; height: auto; display: block; border: 1px solid #e3e3e3; }
            .not-run { color: #555555; font-style: italic; }
            .example { margin: 0.8em 0 1.4em; }
            .query { font-weight: 600; margin: 0.2em 0 0.4em; }
            .rankings { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 10px; }
            .rankings h4 { margin: 0 0 0.3em; font-size: 0.95em; }
            ol.candidates { margin: 0; padding-left: 1.6em; font-size: 0.88em; }
            ol.candidates li { margin: 0 0 0.35em; padding: 2px 4px; border-radius: 3px; }
            ol.candidates li.relevant { background: #e6f4ea; border-left: 3px solid #116329; }
            .score { font-variant-numeric: tabular-nums; color: #555555; }
            .mark { color: #116329; font-weight: 700; }
            @media (max-width: 760px) { .rankings { grid-template-columns: 1fr; } main { padding: 10px; } }
            @media print { body { font-size: 11pt; } nav { display: none; } main { max-width: none; padding: 0; } \
            section, figure, .example, table, svg.chart { break-inside: avoid; } h2 { break-after: avoid; } \
            a { color: inherit; text-decoration: none; } }
            """;

    private HtmlReport() {}

    /** Writes {@code report} as HTML to {@code file} (UTF-8, replacing it atomically: the page appears whole). */
    public static void write(RunReport report, Path file) throws IOException {
        TempPaths.writeAtomically(file, render(report).getBytes(StandardCharsets.UTF_8));
    }

    /** The report as one HTML page. */
    public static String render(RunReport report) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
                .append("<title>")
                .append(Html.escape(report.title()))
                .append(" \u2013 rerank4j run report</title><style>")
                .append(CSS)
                .append("</style></head><body><main>");
        h.append("<header><h1>")
                .append(Html.escape(report.title()))
                .append("</h1><div class=\"when\">rerank4j run report, written ")
                .append(Html.escape(report.createdAt()))
                .append("</div><nav>");
        String[][] toc = {
            {"stages", "Stages"}, {"config", "Config"}, {"data", "Data"}, {"mining", "Mining"},
            {"training", "Training"}, {"evaluation", "Evaluation"}, {"examples", "Examples"}, {"notes", "Notes"}
        };
        for (String[] t : toc) {
            h.append("<a href=\"#").append(t[0]).append("\">").append(t[1]).append("</a>");
        }
        h.append("</nav></header>");
        stages(h, report);
        config(h, report);
        data(h, report.data());
        ReportSections.mining(h, report.mining());
        ReportSections.training(h, report.training());
        EvaluationSections.comparisons(h, report.evaluations());
        EvaluationSections.examples(h, report.examples());
        notes(h, report);
        return h.append("</main></body></html>\n").toString();
    }

    static void notRun(StringBuilder h, String what) {
        h.append("<p class=\"not-run\">").append(Html.escape(what)).append("</p>");
    }

    private static void stages(StringBuilder h, RunReport r) {
        h.append("<section id=\"stages\"><h2>Stages</h2>");
        if (r.stages().isEmpty()) {
            notRun(h, "No stage recorded.");
        } else {
            h.append("<div class=\"scroll\"><table><thead><tr><th>stage</th><th class=\"num\">time</th>")
                    .append("<th>reused</th><th>detail</th></tr></thead><tbody>");
            double total = 0;
            for (StageTiming s : r.stages()) {
                total += s.seconds();
                h.append("<tr><td>")
                        .append(Html.escape(s.name()))
                        .append("</td><td class=\"num\">")
                        .append(Html.duration(s.seconds()))
                        .append("</td><td>")
                        .append(s.reused() ? "yes (time of its first run)" : "no")
                        .append("</td><td>")
                        .append(Html.escape(s.detail()))
                        .append("</td></tr>");
            }
            h.append("<tr><th>total</th><th class=\"num\">")
                    .append(Html.duration(total))
                    .append("</th><th></th><th></th></tr></tbody></table></div>");
        }
        h.append("</section>");
    }

    private static void config(StringBuilder h, RunReport r) {
        h.append("<section id=\"config\"><h2>Config</h2>");
        if (r.configText().isBlank()) {
            notRun(h, "No config recorded.");
        } else {
            h.append("<pre class=\"config\">")
                    .append(Html.escape(r.configText()))
                    .append("</pre>");
        }
        h.append("</section>");
    }

    private static void data(StringBuilder h, DataSummary d) {
        h.append("<section id=\"data\"><h2>Data</h2><table class=\"data\"><tbody>");
        row(h, "source", Html.escape(d.source()));
        row(
                h,
                "licence and attribution",
                d.licence().isBlank()
                        ? "<span class=\"muted\">not stated: check the source before sharing</span>"
                        : Html.escape(d.licence()));
        row(h, "split", "by " + Html.escape(d.splitBy()) + ", seed " + d.seed());
        row(h, "training questions", Html.count(d.trainQueries()));
        row(h, "training pairs", Html.count(d.trainPairs()));
        row(h, "evaluation questions", Html.count(d.evalQueries()));
        row(h, "corpus (documents)", Html.count(d.corpusSize()));
        h.append("</tbody></table></section>");
    }

    private static void row(StringBuilder h, String name, String valueHtml) {
        h.append("<tr><th>").append(name).append("</th><td>").append(valueHtml).append("</td></tr>");
    }

    private static void notes(StringBuilder h, RunReport r) {
        h.append("<section id=\"notes\"><h2>Notes</h2>");
        if (r.notes().isEmpty()) {
            notRun(h, "No notes.");
        } else {
            h.append("<ul class=\"notes\">");
            r.notes().forEach(n -> h.append("<li>").append(Html.escape(n)).append("</li>"));
            h.append("</ul>");
        }
        h.append("</section>");
    }
}
