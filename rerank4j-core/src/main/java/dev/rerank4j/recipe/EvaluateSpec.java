package dev.rerank4j.recipe;

import dev.rerank4j.eval.RerankPositives;
import dev.rerank4j.eval.ScoreFusion;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code evaluate:} section.
 *
 * @param name the mined evaluation set's name: its metrics are {@code eval_{name}_ndcg@10} during training
 * @param atK the cut-off of MRR and NDCG
 * @param batchSize pairs per forward pass when scoring
 * @param beir BEIR folders benchmarked before and after training (BM25 first stage); absent ones are skipped
 * @param rerankK the BM25 depth of the BEIR benchmarks
 * @param examples example queries shown in the report
 * @param fusion how the BEIR benchmarks mix the reranker's scores with BM25's ({@code evaluate.fusion}: none,
 *     convex:W, rrf:K); the mined set is always the reranker alone
 * @param beirPositives whether the BEIR benchmarks add the positives BM25 missed ({@code evaluate.rerank_positives})
 * @param sampleQueries 0: every BEIR query; n: a seeded sample of n per dataset ({@code evaluate.sample_queries})
 * @param sampleSeed the seed of that sample
 * @param beirBefore whether the BEIR benchmarks also run before training ({@code evaluate.beir_before}); a fresh head
 *     scores at random, so with large benchmarks the "before" figure can cost more than it tells
 */
public record EvaluateSpec(
        String name,
        int atK,
        int batchSize,
        List<Path> beir,
        int rerankK,
        int examples,
        ScoreFusion fusion,
        RerankPositives beirPositives,
        int sampleQueries,
        long sampleSeed,
        boolean beirBefore) {
    public EvaluateSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fusion, "fusion");
        Objects.requireNonNull(beirPositives, "beirPositives");
        if (sampleQueries < 0) {
            throw new IllegalArgumentException(
                    "evaluate.sample_queries must be >= 0 (0: every query), got " + sampleQueries);
        }
        beir = List.copyOf(beir);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException(
                    "evaluate.name must be letters, digits, '-', '_' or '.', got \"" + name + "\"");
        }
        if (atK < 1 || batchSize < 1 || rerankK < 1) {
            throw new IllegalArgumentException("evaluate.at_k, evaluate.batch_size and evaluate.rerank_k must be >= 1,"
                    + " got " + atK + ", " + batchSize + ", " + rerankK);
        }
        if (examples < 0) {
            throw new IllegalArgumentException("evaluate.examples must be >= 0, got " + examples);
        }
    }
}
