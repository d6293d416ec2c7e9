package dev.rerank4j.mining;

import java.util.List;
import java.util.Locale;

/**
 * What a mining run did, as the summary {@code mine_hard_negatives} prints, plus the numbers it leaves implicit.
 *
 * @param source the candidate source, e.g. {@code dense sentence-transformers/all-MiniLM-L6-v2, exact}
 * @param inputRows (anchor, positive) rows read
 * @param anchors unique anchors
 * @param corpusSize unique documents searched (positives included)
 * @param maxPositives the most rows one anchor has (duplicates counted, as sentence-transformers does)
 * @param rangeMax the rank window's end actually used
 * @param rescored whether a cross-encoder rescored the candidates
 * @param positive statistics of the positives' scores
 * @param negative statistics of the kept negatives' scores (once per positive of the anchor)
 * @param difference statistics of positive minus negative score, per (positive, negative)
 * @param filters what each filter removed
 * @param anchorsShort anchors that got fewer than {@code numNegatives} negatives
 * @param missingSamples rows the format could not fill (sentence-transformers' "could not find enough negatives")
 * @param outputRows rows produced
 * @param timings encoding and search time, cache use
 * @param notes warnings, e.g. that {@code includePositives} forced the n-tuple format
 */
public record MiningReport(
        String source,
        int inputRows,
        int anchors,
        int corpusSize,
        int maxPositives,
        int rangeMax,
        boolean rescored,
        ScoreStats positive,
        ScoreStats negative,
        ScoreStats difference,
        List<FilterCount> filters,
        int anchorsShort,
        int missingSamples,
        int outputRows,
        CandidateSource.RetrievalTimings timings,
        List<String> notes) {

    public MiningReport {
        filters = List.copyOf(filters);
        notes = List.copyOf(notes);
    }

    /** The report as text: a statistics table like sentence-transformers', then counts and notes. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "Mined with %s: %,d rows, %,d unique anchors, %,d documents, range_max %d%s%n",
                source,
                inputRows,
                anchors,
                corpusSize,
                rangeMax,
                rescored ? ", rescored with a cross-encoder" : ""));
        String row = "%-6s %14s %14s %14s%n";
        sb.append(String.format(Locale.ROOT, row, "Metric", "Positive", "Negative", "Difference"));
        sb.append(String.format(
                Locale.ROOT,
                row,
                "Count",
                String.format(Locale.ROOT, "%,d", positive.count()),
                String.format(Locale.ROOT, "%,d", negative.count()),
                ""));
        line(sb, row, "Mean", positive.mean(), negative.mean(), difference.mean());
        line(sb, row, "Median", positive.median(), negative.median(), difference.median());
        line(sb, row, "Std", positive.std(), negative.std(), difference.std());
        line(sb, row, "Min", positive.min(), negative.min(), difference.min());
        line(sb, row, "25%", positive.q25(), negative.q25(), difference.q25());
        line(sb, row, "50%", positive.q50(), negative.q50(), difference.q50());
        line(sb, row, "75%", positive.q75(), negative.q75(), difference.q75());
        line(sb, row, "Max", positive.max(), negative.max(), difference.max());
        for (FilterCount f : filters) {
            sb.append(String.format(
                    Locale.ROOT,
                    "Skipped %,d potential negatives (%.2f%%) due to the %s of %s.%n",
                    f.removed(),
                    100 * f.ratio(),
                    f.rule(),
                    f.threshold()));
        }
        if (missingSamples > 0) {
            sb.append(String.format(Locale.ROOT, "Could not find enough negatives for %,d samples.%n", missingSamples));
        }
        sb.append(String.format(
                Locale.ROOT,
                "%,d of %,d anchors got fewer negatives than asked; wrote %,d rows.%n",
                anchorsShort,
                anchors,
                outputRows));
        sb.append(String.format(
                Locale.ROOT,
                "Encoding %.1f s (%,d texts encoded, %d from cache), search %.1f s.%n",
                timings.encodeSeconds(),
                timings.textsEncoded(),
                timings.cacheHits(),
                timings.searchSeconds()));
        notes.forEach(n -> sb.append("Note: ").append(n).append('\n'));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String row, String name, double p, double n, double d) {
        sb.append(String.format(Locale.ROOT, row, name, fmt(p), fmt(n), fmt(d)));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
