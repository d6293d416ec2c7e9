/**
 * What a recipe run achieved, as plain data ({@link dev.rerank4j.report.RunReport}) that the run folder's
 * {@code report.json} and self-contained {@code report.html} are written from. Engine-free: it knows nothing of models
 * or tensors; the recipe fills it.
 */
package dev.rerank4j.report;
