/**
 * rerank4j inside langchain4j: {@link dev.rerank4j.langchain4j.Rerank4jScoringModel}, a {@code ScoringModel} over any
 * {@link dev.rerank4j.Reranker}, for {@code ReRankingContentAggregator} and other rerankers of retrieved content.
 * A separate module so that rerank4j-core never depends on langchain4j.
 */
package dev.rerank4j.langchain4j;
