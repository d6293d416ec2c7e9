package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.rerank4j.loss.Batch;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.loss.Objective;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.Network;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.TrainingAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A garbage collection between the forward and the backward pass changes no gradient. DJL's scalar operations ({@code
 * x.div(2f)}) wrap the number in an array over a Java buffer and close it at once, while autograd keeps the tensor for
 * the backward pass; once the JVM collected the buffer, the backward pass read freed memory and the gradients of
 * every weight below the first attention layer came out as garbage (up to 1e22). The networks and losses now use
 * scalars that libtorch owns.
 */
class BackwardAfterGarbageCollectionTest {
    @TempDir
    Path tmp;

    @Test
    void collectingGarbageBeforeBackwardChangesNoGradient() throws InterruptedException {
        try (CrossEncoder model = TinyTask.model(tmp.resolve("m"))) {
            Network network = TrainingAccess.trainingNetwork(model, 0f, 0f);
            Parameters params = TrainingAccess.parameters(model);
            params.all().values().forEach(p -> p.setRequiresGradient(true));
            List<Object> labels = new ArrayList<>(List.of(1L, 0L, 1L, 0L));
            Batch batch = new Batch(
                    "t",
                    List.of(
                            List.of("what is berlin", "what is cat", "what is dog", "what is paris"),
                            List.of("berlin is good", "dog is bad and the mat", "dog is good", "cat is bad")),
                    labels);
            // gradient accumulation (scale 0.5) multiplies the loss by a scalar on the gradient path too
            Map<String, float[]> quiet = gradients(model, network, params, batch, false);
            Map<String, float[]> collected = gradients(model, network, params, batch, true);
            for (String name : quiet.keySet()) {
                assertThat(collected.get(name)).as(name).containsExactly(quiet.get(name));
            }
        }
    }

    @SuppressWarnings("try") // the scope closes what the step allocates
    private static Map<String, float[]> gradients(
            CrossEncoder model, Network network, Parameters params, Batch batch, boolean collect)
            throws InterruptedException {
        Engine engine = Engine.getEngine("PyTorch");
        Objective objective = new BinaryCrossEntropyLoss().objective(1);
        try (NDManager m = TrainingAccess.manager(model).newSubManager();
                NDScope scope = new NDScope();
                GradientCollector gc = engine.newGradientCollector()) {
            TrainingModel pairs = new TrainingModel(network, params, TrainingAccess.tokenizer(model), m, gc);
            NDArray loss = objective.loss(batch, pairs);
            if (collect) {
                for (int i = 0; i < 3; i++) {
                    churn();
                    System.gc();
                    Thread.sleep(50);
                }
            }
            Objective scaled = (b, p) -> loss;
            scaled.backward(batch, pairs, 0.5f);
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        params.all().forEach((name, p) -> {
            try (NDArray g = p.getGradient()) {
                out.put(name, g.toFloatArray());
                g.subi(g.duplicate());
            }
        });
        return out;
    }

    /** Allocates and drops direct buffers so that freed native memory is reused. */
    private static void churn() {
        List<java.nio.ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            junk.add(java.nio.ByteBuffer.allocateDirect(1 << 16));
        }
        junk.clear();
    }
}
