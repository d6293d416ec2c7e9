package dev.rerank4j.eval;

/**
 * Which documents are reranked when a sample carries a first-stage ranking ({@code documents}); sentence-transformers'
 * {@code always_rerank_positives}. Samples with negatives always rerank positives + negatives.
 */
public enum RerankPositives {
    /**
     * {@code always_rerank_positives=True} (the default): all positives, in sample order, then the non-positive
     * documents. Positives the first stage missed are injected, so the best possible score is 1.
     */
    ALWAYS,
    /**
     * {@code always_rerank_positives=False}: the first-stage documents only, as given. Missed positives are ignored
     * (NDCG and AP are normalized over the positives retrieved); a query whose positives were all missed scores 0.
     * The realistic setting.
     */
    RETRIEVED_ONLY
}
