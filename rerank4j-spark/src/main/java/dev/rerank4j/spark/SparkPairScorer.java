package dev.rerank4j.spark;

import dev.rerank4j.PairScorer;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * A {@link PairScorer} whose pairs are scored on the executors (each with its shared reranker), for core's miner to
 * rescore candidates with a cross-encoder. Pairs go out in contiguous slices and come back in order.
 */
final class SparkPairScorer implements PairScorer {
    private final JavaSparkContext jsc;
    private final ModelSpec spec;
    private final int slices;
    private final int batchSize;

    SparkPairScorer(JavaSparkContext jsc, ModelSpec spec, int slices, int batchSize) {
        this.jsc = jsc;
        this.spec = spec;
        this.slices = slices;
        this.batchSize = batchSize;
    }

    @Override
    public float[][] score(List<TextPair> pairs) {
        if (pairs.isEmpty()) {
            return new float[0][];
        }
        List<Tuple2<String, String>> rows = new ArrayList<>(pairs.size());
        for (TextPair p : pairs) {
            rows.add(new Tuple2<>(p.query(), p.document()));
        }
        ModelSpec model = spec;
        int batch = batchSize;
        List<float[]> out = jsc.parallelize(rows, Math.max(1, Math.min(slices, rows.size())))
                .mapPartitions(it -> {
                    List<TextPair> part = new ArrayList<>();
                    it.forEachRemaining(t -> part.add(new TextPair(t._1(), t._2())));
                    if (part.isEmpty()) {
                        return new ArrayList<float[]>().iterator();
                    }
                    float[][] s = ExecutorModels.reranker(model)
                            .predictLabels(part, PredictOptions.defaults().withBatchSize(batch));
                    return List.of(s).iterator();
                })
                .collect();
        return out.toArray(new float[0][]);
    }
}
