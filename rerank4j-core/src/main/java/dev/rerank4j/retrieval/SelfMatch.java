package dev.rerank4j.retrieval;

/** What to do with a hit whose document id equals the query id (ArguAna's queries are also corpus documents). */
public enum SelfMatch {
    /** Remove it, as BEIR's {@code EvaluateRetrieval} ({@code ignore_identical_ids=True}) and Anserini do. */
    DROP,
    /** Keep it. */
    KEEP
}
