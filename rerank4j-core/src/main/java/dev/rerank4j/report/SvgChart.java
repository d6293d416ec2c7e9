package dev.rerank4j.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report, drawn in Java (no script, no external file): line charts of values over
 * training steps and histograms of two score distributions. Every chart is a fixed {@value #WIDTH} × {@value #HEIGHT}
 * view box that the page scales to its column; a value {@code v} on an axis {@code [lo, hi]} lands at {@code LEFT +
 * (v - lo) / (hi - lo) * PLOT_W} across and {@code TOP + PLOT_H - (v - lo) / (hi - lo) * PLOT_H} down.
 */
final class SvgChart {
    static final int WIDTH = 480;
    static final int HEIGHT = 280;
    static final int LEFT = 64;
    static final int RIGHT = 18;
    static final int TOP = 46;
    static final int BOTTOM = 46;
    static final int PLOT_W = WIDTH - LEFT - RIGHT;
    static final int PLOT_H = HEIGHT - TOP - BOTTOM;
    private static final int MAX_MARKERS = 40;

    private SvgChart() {}

    /** One line: its legend label, colour and points (non-finite y values break the line). */
    record Series(String label, String color, double[] x, double[] y) {
        Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + label + ": " + x.length + " x vs " + y.length + " y");
            }
        }
    }

    /** One histogram of the chart, with its legend label and colour. */
    record Bars(String label, String color, Histogram histogram) {}

    /** A line chart of {@code series} (the legend is drawn when there is more than one). */
    static String lineChart(String title, String xLabel, String yLabel, List<Series> series) {
        double[] xs = range(series.stream().map(Series::x).toList());
        double[] ys = range(series.stream().map(Series::y).toList());
        StringBuilder svg = open(title);
        if (xs == null || ys == null) {
            return empty(svg, "no values");
        }
        Axis ax = Axis.nice(xs[0], xs[1]);
        Axis ay = Axis.nice(ys[0], ys[1]);
        frame(svg, ax, ay, xLabel, yLabel);
        for (Series s : series) {
            line(svg, s, ax, ay);
        }
        if (series.size() > 1) {
            legend(
                    svg,
                    series.stream()
                            .map(s -> new String[] {s.label(), s.color()})
                            .toList());
        }
        return svg.append("</svg>").toString();
    }

    /**
     * The distributions of {@code bars} as the share of each one's values per bin (so sets of different sizes compare),
     * side by side when they share their bins, else overlaid half-transparent.
     */
    static String histogram(String title, String xLabel, List<Bars> bars) {
        StringBuilder svg = open(title);
        List<Bars> counted =
                bars.stream().filter(b -> b.histogram().total() > 0).toList();
        if (counted.isEmpty()) {
            return empty(svg, "no scores");
        }
        double lo = counted.stream().mapToDouble(b -> b.histogram().min()).min().orElseThrow();
        double hi = counted.stream().mapToDouble(b -> b.histogram().max()).max().orElseThrow();
        double top = 0;
        for (Bars b : counted) {
            Histogram h = b.histogram();
            for (int c : h.counts()) {
                top = Math.max(top, 100.0 * c / h.total());
            }
        }
        Axis ax = Axis.nice(lo, hi);
        Axis ay = Axis.nice(0, top);
        frame(svg, ax, ay, xLabel, "share of scores (%)");
        boolean aligned = counted.stream()
                .map(Bars::histogram)
                .allMatch(h -> h.min() == counted.get(0).histogram().min()
                        && h.max() == counted.get(0).histogram().max()
                        && h.counts().size()
                                == counted.get(0).histogram().counts().size());
        for (int i = 0; i < counted.size(); i++) {
            bars(svg, counted.get(i), ax, ay, aligned ? i : -1, aligned ? counted.size() : 1);
        }
        legend(
                svg,
                counted.stream()
                        .map(b -> new String[] {
                            b.label() + " (n=" + Html.count(b.histogram().total()) + ")", b.color()
                        })
                        .toList());
        return svg.append("</svg>").toString();
    }

    private static void bars(StringBuilder svg, Bars b, Axis ax, Axis ay, int slot, int slots) {
        Histogram h = b.histogram();
        int n = h.counts().size();
        double width = (h.max() - h.min()) / n;
        for (int k = 0; k < n; k++) {
            int c = h.counts().get(k);
            if (c == 0) {
                continue;
            }
            double share = 100.0 * c / h.total();
            double from = h.min() + k * width;
            double x0 = ax.x(from);
            double x1 = ax.x(from + width);
            double w = (x1 - x0) / slots;
            double x = x0 + Math.max(0, slot) * w;
            double y = ay.y(share);
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"bar\" data-series=\"%s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\""
                            + " fill=\"%s\"%s><title>%s %s to %s: %s (%.1f%%)</title></rect>",
                    Html.escape(b.label()),
                    x,
                    y,
                    Math.max(0.5, w - (slots > 1 ? 0 : 0.5)),
                    ay.y(0) - y,
                    b.color(),
                    slot < 0 ? " fill-opacity=\"0.55\"" : "",
                    Html.escape(b.label()),
                    Html.metric(from),
                    Html.metric(from + width),
                    Html.count(c),
                    share));
        }
    }

    private static void line(StringBuilder svg, Series s, Axis ax, Axis ay) {
        List<String> run = new ArrayList<>();
        int finite = 0;
        for (double v : s.y()) {
            finite += Double.isFinite(v) ? 1 : 0;
        }
        for (int i = 0; i <= s.x().length; i++) {
            boolean point = i < s.x().length && Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i]);
            if (point) {
                run.add(String.format(Locale.ROOT, "%.2f,%.2f", ax.x(s.x()[i]), ay.y(s.y()[i])));
                if (finite <= MAX_MARKERS) {
                    svg.append(String.format(
                            Locale.ROOT,
                            "<circle class=\"marker\" cx=\"%.2f\" cy=\"%.2f\" r=\"2.6\" fill=\"%s\"><title>step %s: %s"
                                    + "</title></circle>",
                            ax.x(s.x()[i]),
                            ay.y(s.y()[i]),
                            s.color(),
                            Html.count(Math.round(s.x()[i])),
                            Html.escape(String.format(Locale.ROOT, "%.6g", s.y()[i]))));
                }
            } else if (!run.isEmpty()) {
                svg.append("<polyline class=\"series\" data-series=\"")
                        .append(Html.escape(s.label()))
                        .append("\" fill=\"none\" stroke=\"")
                        .append(s.color())
                        .append("\" stroke-width=\"1.8\" points=\"")
                        .append(String.join(" ", run))
                        .append("\"/>");
                run.clear();
            }
        }
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\"><title>")
                .append(Html.escape(title))
                .append("</title><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>")
                .append("<text class=\"chart-title\" x=\"")
                .append(LEFT)
                .append("\" y=\"18\" font-size=\"13\" font-weight=\"bold\" fill=\"#1a1a1a\">")
                .append(Html.escape(title))
                .append("</text>");
        return svg;
    }

    private static String empty(StringBuilder svg, String what) {
        return svg.append(String.format(
                        Locale.ROOT,
                        "<text class=\"empty\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555555\">%s</text></svg>",
                        LEFT + PLOT_W / 2,
                        TOP + PLOT_H / 2,
                        what))
                .toString();
    }

    private static void frame(StringBuilder svg, Axis ax, Axis ay, String xLabel, String yLabel) {
        for (double t : ay.ticks()) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"#e3e3e3\"/>"
                            + "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\" fill=\"#333333\">%s</text>",
                    LEFT,
                    ay.y(t),
                    LEFT + PLOT_W,
                    ay.y(t),
                    LEFT - 6,
                    ay.y(t) + 4,
                    Html.tick(t, ay.step())));
        }
        for (double t : ax.ticks()) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"#666666\"/>"
                            + "<text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\" fill=\"#333333\">%s</text>",
                    ax.x(t),
                    TOP + PLOT_H,
                    ax.x(t),
                    TOP + PLOT_H + 4,
                    ax.x(t),
                    TOP + PLOT_H + 16,
                    Html.tick(t, ax.step())));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<rect class=\"plot\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#666666\"/>"
                        + "<text class=\"x-label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#1a1a1a\">%s</text>"
                        + "<text class=\"y-label\" transform=\"translate(14 %d) rotate(-90)\" text-anchor=\"middle\""
                        + " fill=\"#1a1a1a\">%s</text>",
                LEFT,
                TOP,
                PLOT_W,
                PLOT_H,
                LEFT + PLOT_W / 2,
                HEIGHT - 8,
                Html.escape(xLabel),
                TOP + PLOT_H / 2,
                Html.escape(yLabel)));
    }

    private static void legend(StringBuilder svg, List<String[]> entries) {
        int x = LEFT;
        for (String[] e : entries) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<g class=\"legend\"><rect x=\"%d\" y=\"28\" width=\"11\" height=\"11\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"37\" fill=\"#1a1a1a\">%s</text></g>",
                    x,
                    e[1],
                    x + 15,
                    Html.escape(e[0])));
            x += 15 + 6 * e[0].length() + 18;
        }
    }

    /** The smallest and largest finite values of all arrays, or null when there is none. */
    private static double[] range(List<double[]> arrays) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : arrays) {
            for (double v : a) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : null;
    }
}
