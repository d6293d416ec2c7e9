package dev.rerank4j.report;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The report's mining and training sections. */
final class ReportSections {
    static final String POSITIVE_COLOR = "#1f6fb4";
    static final String NEGATIVE_COLOR = "#e4761b";
    private static final String LOSS_COLOR = "#b3261e";
    private static final String LR_COLOR = "#6a3d9a";
    private static final String METRIC_COLOR = "#116329";
    /** Evaluation timings the trainer logs next to the metrics; not metrics. */
    private static final Set<String> TIMINGS =
            Set.of("eval_runtime", "eval_samples_per_second", "eval_steps_per_second");

    private ReportSections() {}

    static void mining(StringBuilder h, List<MiningSummary> mining) {
        h.append("<section id=\"mining\"><h2>Mining</h2>");
        if (mining.isEmpty()) {
            HtmlReport.notRun(h, "Mining not run.");
        }
        for (MiningSummary m : mining) {
            h.append("<div class=\"mined\"><h3>")
                    .append(Html.escape(m.name()))
                    .append("</h3><p>")
                    .append(Html.escape(m.source()))
                    .append(": ")
                    .append(Html.count(m.anchors()))
                    .append(" anchors, ")
                    .append(Html.count(m.corpusSize()))
                    .append(" documents searched, ")
                    .append(Html.count(m.outputRows()))
                    .append(" rows written, ")
                    .append(Html.count(m.anchorsShort()))
                    .append(" anchors short of negatives.</p><div class=\"scroll\">");
            h.append("<table class=\"scores\"><thead><tr><th>first-stage score</th>");
            for (String c : List.of("count", "mean", "std", "min", "25%", "median", "75%", "max")) {
                h.append("<th class=\"num\">").append(c).append("</th>");
            }
            h.append("</tr></thead><tbody>");
            scores(h, "positives", m.positive());
            scores(h, "negatives", m.negative());
            h.append("</tbody></table>");
            if (!m.filters().isEmpty()) {
                h.append("<ul class=\"filters\">");
                m.filters().forEach(f -> h.append("<li>").append(Html.escape(f)).append("</li>"));
                h.append("</ul>");
            }
            h.append("</div><figure class=\"histogram\">")
                    .append(SvgChart.histogram(
                            "Scores of " + m.name() + ": positives vs negatives",
                            "first-stage score",
                            List.of(
                                    new SvgChart.Bars("positives", POSITIVE_COLOR, m.positiveScores()),
                                    new SvgChart.Bars("negatives", NEGATIVE_COLOR, m.negativeScores()))))
                    .append("</figure></div>");
        }
        h.append("</section>");
    }

    private static void scores(StringBuilder h, String name, ScoreSummary s) {
        h.append("<tr><td>").append(name).append("</td><td class=\"num\">").append(Html.count(s.count()));
        for (double v : new double[] {s.mean(), s.std(), s.min(), s.q25(), s.median(), s.q75(), s.max()}) {
            h.append("</td><td class=\"num\">").append(Html.metric(v));
        }
        h.append("</td></tr>");
    }

    static void training(StringBuilder h, List<LogEntry> log) {
        h.append("<section id=\"training\"><h2>Training</h2>");
        if (log.isEmpty()) {
            HtmlReport.notRun(h, "Training not run.");
            h.append("</section>");
            return;
        }
        LogEntry last = log.get(log.size() - 1);
        h.append("<p>")
                .append(Html.count(log.size()))
                .append(" log entries up to step ")
                .append(Html.count(last.step()))
                .append(" (epoch ")
                .append(String.format(java.util.Locale.ROOT, "%.2f", last.epoch()))
                .append(").</p><div class=\"charts\">");
        h.append("<figure>")
                .append(chart(log, "loss", "Training loss", "loss", LOSS_COLOR))
                .append("</figure><figure>")
                .append(chart(log, "learning_rate", "Learning rate", "learning rate", LR_COLOR))
                .append("</figure></div>");
        Set<String> metrics = new TreeSet<>();
        log.forEach(e -> e.values().keySet().stream()
                .filter(k -> k.startsWith("eval_") && !TIMINGS.contains(k))
                .forEach(metrics::add));
        h.append("<h3>Evaluation metrics over steps</h3>");
        if (metrics.isEmpty()) {
            HtmlReport.notRun(h, "No evaluation during training.");
        } else {
            h.append("<div class=\"charts\">");
            for (String k : metrics) {
                h.append("<figure>")
                        .append(chart(
                                log,
                                k,
                                k.substring("eval_".length()),
                                k.substring(k.lastIndexOf('_') + 1),
                                METRIC_COLOR))
                        .append("</figure>");
            }
            h.append("</div>");
        }
        h.append("</section>");
    }

    /** The line chart of {@code key} over the steps of the entries that logged it. */
    static String chart(List<LogEntry> log, String key, String title, String yLabel, String color) {
        List<LogEntry> with =
                log.stream().filter(e -> e.values().containsKey(key)).toList();
        double[] x = with.stream().mapToDouble(LogEntry::step).toArray();
        double[] y = with.stream().mapToDouble(e -> e.values().get(key)).toArray();
        return SvgChart.lineChart(title, "step", yLabel, List.of(new SvgChart.Series(title, color, x, y)));
    }
}
