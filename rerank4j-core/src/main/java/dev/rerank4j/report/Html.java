package dev.rerank4j.report;

import java.util.Locale;

/**
 * The report's text helpers: HTML escaping and the one number format per kind of number (metrics and scores with 4
 * decimals, counts with thousands separators, signed deltas, durations). A number that is not finite prints as an
 * en dash, never as {@code NaN}.
 */
final class Html {
    static final String MISSING = "\u2013";

    private Html() {}

    /** {@code text} safe inside an element or a quoted attribute: {@code & < > " '} become character references. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // control characters other than tab and newlines are not allowed in HTML (nor XML) text
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A metric or a score: 4 decimals ({@code 0.7412}). */
    static String metric(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : MISSING;
    }

    /** A difference of metrics, always signed ({@code +0.1234}, {@code -0.0050}). */
    static String delta(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.4f", v) : MISSING;
    }

    /** A count with thousands separators ({@code 12,345}). */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A wall time: {@code 0.4 s}, {@code 42.0 s}, {@code 3 min 04 s}, {@code 1 h 02 min}. */
    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** A chart tick label for a value on an axis whose ticks are {@code step} apart. */
    static String tick(double v, double step) {
        double a = Math.abs(step);
        if (v == 0) {
            return "0";
        }
        if (a < 1e-3 || a >= 1e6) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(a) - 1e-9));
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    /** {@code text} cut to at most {@code max} characters (an ellipsis marks the cut; never splits a surrogate pair). */
    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }
}
