/**
 * What a recipe run achieved, as plain data ({@link dev.rerank4j.report.RunReport}) that the run folder's
 * {@code report.json} and self-contained {@code report.html} are written from. Engine-free: it knows nothing of models
 * or tensors; the recipe fills it.
 *
 * <p>{@link dev.rerank4j.report.HtmlReport} writes the page: one HTML file with its CSS inline and its charts drawn in
 * Java as inline SVG (score histograms of the mined positives and negatives, training loss, learning rate and every
 * {@code eval_*} metric over steps), so it opens offline and prints; all text is HTML-escaped; metrics and scores show
 * 4 decimals, counts thousands separators. {@link dev.rerank4j.report.RunReportJson} writes and reads
 * {@code report.json} (Jackson; NaN and infinities as {@code null}, read back as NaN). Both files are written to a
 * temporary name and moved into place, so a reader never sees half a report.
 */
package dev.rerank4j.report;
