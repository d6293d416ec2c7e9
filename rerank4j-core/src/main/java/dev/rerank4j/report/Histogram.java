package dev.rerank4j.report;

import java.util.List;

/**
 * Counts of values in {@code counts.size()} equal-width bins spanning {@code [min, max]} (the last bin includes
 * {@code max}).
 *
 * @param min the first bin's lower edge
 * @param max the last bin's upper edge
 * @param counts values per bin
 */
public record Histogram(double min, double max, List<Integer> counts) {

    public Histogram {
        counts = List.copyOf(counts);
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("a histogram needs at least one bin");
        }
        if (!(max >= min) || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException(
                    "histogram range must be finite with min <= max, got [" + min + ", " + max + "]");
        }
        for (int c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("histogram counts must be >= 0, got " + counts);
            }
        }
    }

    /**
     * The histogram of {@code values} over {@code bins} bins spanning {@code [min, max]}; values outside the range
     * (and NaN) are not counted.
     */
    public static Histogram of(float[] values, int bins, double min, double max) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        int[] c = new int[bins];
        double width = (max - min) / bins;
        for (float v : values) {
            if (!(v >= min && v <= max)) {
                continue;
            }
            int b = width == 0 ? 0 : (int) Math.floor((v - min) / width);
            c[Math.min(bins - 1, Math.max(0, b))]++;
        }
        return new Histogram(min, max, java.util.Arrays.stream(c).boxed().toList());
    }

    /** The number of values counted. */
    public int total() {
        return counts.stream().mapToInt(Integer::intValue).sum();
    }
}
