package dev.rerank4j.retrieval;

/**
 * Settings of an HNSW graph (Malkov and Yashunin, 2018) as Lucene builds it.
 *
 * @param maxConnections neighbours per node ({@code M}); Lucene's default 16, in [2, 512]
 * @param beamWidth candidates kept while inserting ({@code efConstruction}); Lucene's default 100, in [1, 3200]
 * @param efSearch candidates explored per query; a search for {@code k} documents explores max(k, efSearch)
 */
public record HnswOptions(int maxConnections, int beamWidth, int efSearch) {
    public HnswOptions {
        if (maxConnections < 2 || maxConnections > 512) {
            throw new IllegalArgumentException("maxConnections must be in [2, 512], got " + maxConnections);
        }
        if (beamWidth < 1 || beamWidth > 3200) {
            throw new IllegalArgumentException("beamWidth must be in [1, 3200], got " + beamWidth);
        }
        if (efSearch < 1) {
            throw new IllegalArgumentException("efSearch must be >= 1, got " + efSearch);
        }
    }

    /** M = 16, efConstruction = 100 (Lucene's defaults), efSearch = 100. */
    public static HnswOptions defaults() {
        return new HnswOptions(16, 100, 100);
    }

    public HnswOptions withEfSearch(int ef) {
        return new HnswOptions(maxConnections, beamWidth, ef);
    }
}
