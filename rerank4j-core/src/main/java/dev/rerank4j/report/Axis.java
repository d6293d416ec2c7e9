package dev.rerank4j.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart axis {@code [lo, hi]} with ticks {@code step} apart, and the mapping of values to {@link SvgChart}
 * coordinates.
 *
 * @param lo the value at the axis' start
 * @param hi the value at its end
 * @param step the distance between ticks
 */
record Axis(double lo, double hi, double step) {

    Axis {
        if (!(hi > lo) || !(step > 0)) {
            throw new IllegalArgumentException("axis needs lo < hi and step > 0, got [" + lo + ", " + hi + "] " + step);
        }
    }

    /**
     * The axis covering {@code [min, max]} with about five ticks at 1, 2 or 5 times a power of ten, starting and ending
     * on a tick; a single value gets a range around it.
     */
    static Axis nice(double min, double max) {
        if (max == min) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double rough = (max - min) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double norm = rough / magnitude;
        double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
        double lo = Math.floor(min / step + 1e-9) * step;
        double hi = Math.ceil(max / step - 1e-9) * step;
        return new Axis(lo, hi, step);
    }

    /** The tick values, from {@code lo} to {@code hi}. */
    List<Double> ticks() {
        List<Double> t = new ArrayList<>();
        long n = Math.round((hi - lo) / step);
        for (long i = 0; i <= n; i++) {
            t.add(lo + i * step);
        }
        return t;
    }

    /** The horizontal SVG coordinate of {@code v} on this axis. */
    double x(double v) {
        return SvgChart.LEFT + (v - lo) / (hi - lo) * SvgChart.PLOT_W;
    }

    /** The vertical SVG coordinate of {@code v} on this axis (up is larger). */
    double y(double v) {
        return SvgChart.TOP + SvgChart.PLOT_H - (v - lo) / (hi - lo) * SvgChart.PLOT_H;
    }
}
