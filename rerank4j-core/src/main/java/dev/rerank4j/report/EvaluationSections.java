package dev.rerank4j.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The report's before/after evaluation tables and example queries. */
final class EvaluationSections {
    private static final int SHOWN_CHARS = 280;

    private EvaluationSections() {}

    static void comparisons(StringBuilder h, List<EvaluationComparison> evaluations) {
        h.append("<section id=\"evaluation\"><h2>Evaluation before and after training</h2>");
        if (evaluations.isEmpty()) {
            HtmlReport.notRun(h, "Evaluation not run.");
            h.append("</section>");
            return;
        }
        h.append("<div class=\"scroll\"><table class=\"summary\"><thead><tr><th>evaluator</th><th>domain</th>")
                .append("<th>metric</th><th class=\"num\">first stage</th><th class=\"num\">before</th>")
                .append("<th class=\"num\">after</th><th class=\"num\">after \u2212 before</th>")
                .append("<th class=\"num\">after \u2212 first stage</th></tr></thead><tbody>");
        Map<String, List<EvaluationComparison>> byDomain = byDomain(evaluations);
        byDomain.values()
                .forEach(list -> list.forEach(e -> {
                    h.append("<tr><td>")
                            .append(Html.escape(e.name()))
                            .append("</td><td>")
                            .append(Html.escape(e.domain()))
                            .append("</td>");
                    figures(h, e, e.primaryMetric());
                    h.append("</tr>");
                }));
        h.append("</tbody></table></div>");
        byDomain.forEach((domain, list) -> {
            h.append("<h3>").append(Html.escape(domain)).append("</h3>");
            for (EvaluationComparison e : list) {
                h.append("<div class=\"scroll\"><table class=\"comparison\"><caption>")
                        .append(Html.escape(e.name()))
                        .append("</caption><thead><tr><th>metric</th><th class=\"num\">first stage</th>")
                        .append("<th class=\"num\">before</th><th class=\"num\">after</th>")
                        .append("<th class=\"num\">after \u2212 before</th>")
                        .append("<th class=\"num\">after \u2212 first stage</th></tr></thead><tbody>");
                for (String metric : metrics(e)) {
                    h.append(metric.equals(e.primaryMetric()) ? "<tr class=\"primary\">" : "<tr>");
                    figures(h, e, metric);
                    h.append("</tr>");
                }
                h.append("</tbody></table></div>");
            }
        });
        h.append("<p class=\"muted\">The bold row is the evaluator's primary metric. A dash: not measured.</p>")
                .append("</section>");
    }

    /** In-domain first, then out-of-domain, then any other domain in order of appearance. */
    private static Map<String, List<EvaluationComparison>> byDomain(List<EvaluationComparison> evaluations) {
        Map<String, List<EvaluationComparison>> groups = new LinkedHashMap<>();
        groups.put("in-domain", new ArrayList<>());
        groups.put("out-of-domain", new ArrayList<>());
        evaluations.forEach(
                e -> groups.computeIfAbsent(e.domain(), d -> new ArrayList<>()).add(e));
        groups.values().removeIf(List::isEmpty);
        return groups;
    }

    /** The primary metric first, then the others by name. */
    private static List<String> metrics(EvaluationComparison e) {
        TreeSet<String> names = new TreeSet<>(e.firstStage().keySet());
        names.addAll(e.before().keySet());
        names.addAll(e.after().keySet());
        names.remove(e.primaryMetric());
        List<String> out = new ArrayList<>();
        out.add(e.primaryMetric());
        out.addAll(names);
        return out;
    }

    private static void figures(StringBuilder h, EvaluationComparison e, String metric) {
        double first = e.firstStage().getOrDefault(metric, Double.NaN);
        double before = e.before().getOrDefault(metric, Double.NaN);
        double after = e.after().getOrDefault(metric, Double.NaN);
        h.append("<td>").append(Html.escape(metric)).append("</td>");
        for (double v : new double[] {first, before, after}) {
            h.append("<td class=\"num\">").append(Html.metric(v)).append("</td>");
        }
        for (double d : new double[] {after - before, after - first}) {
            String cls = !(d != 0 && Double.isFinite(d)) ? "num" : d > 0 ? "num up" : "num down";
            h.append("<td class=\"")
                    .append(cls)
                    .append("\">")
                    .append(Html.delta(d))
                    .append("</td>");
        }
    }

    static void examples(StringBuilder h, List<QueryExample> examples) {
        h.append("<section id=\"examples\"><h2>Example queries</h2>");
        if (examples.isEmpty()) {
            HtmlReport.notRun(h, "No example queries (evaluation not run).");
            h.append("</section>");
            return;
        }
        h.append("<p class=\"muted\">Each query's candidates as the first stage ranked them, as the model ranked them ")
                .append("before training and after it. <span class=\"mark\">\u2713</span> marks a judged relevant ")
                .append("document; #n is its first-stage rank.</p>");
        for (QueryExample x : examples) {
            Map<String, Integer> firstRank = new HashMap<>();
            for (int i = 0; i < x.firstStage().size(); i++) {
                firstRank.putIfAbsent(x.firstStage().get(i).text(), i + 1);
            }
            h.append("<div class=\"example\"><p class=\"query\">")
                    .append(Html.escape(x.query()))
                    .append(" <span class=\"muted\">(")
                    .append(Html.escape(x.evaluator()))
                    .append(")</span></p><div class=\"rankings\">");
            ranking(h, "First stage", x.firstStage(), Map.of());
            ranking(h, "Before training", x.before(), firstRank);
            ranking(h, "After training", x.after(), firstRank);
            h.append("</div></div>");
        }
        h.append("</section>");
    }

    private static void ranking(
            StringBuilder h, String title, List<QueryExample.RankedCandidate> list, Map<String, Integer> firstRank) {
        h.append("<div class=\"ranking\"><h4>").append(title).append("</h4>");
        if (list.isEmpty()) {
            h.append("<p class=\"not-run\">not ranked</p></div>");
            return;
        }
        h.append("<ol class=\"candidates\">");
        for (QueryExample.RankedCandidate c : list) {
            h.append(
                            c.relevant()
                                    ? "<li class=\"relevant\"><span class=\"mark\" title=\"judged relevant\">\u2713</span> "
                                    : "<li>")
                    .append("<span title=\"")
                    .append(Html.escape(Html.shorten(c.text(), 2000)))
                    .append("\">")
                    .append(Html.escape(Html.shorten(c.text(), SHOWN_CHARS)))
                    .append("</span> <span class=\"score\">")
                    .append(Html.metric(c.score()));
            Integer was = firstRank.get(c.text());
            if (was != null) {
                h.append(" \u00b7 #").append(was);
            }
            h.append("</span></li>");
        }
        h.append("</ol></div>");
    }
}
