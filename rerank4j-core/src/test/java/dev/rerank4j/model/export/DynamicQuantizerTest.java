package dev.rerank4j.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.OpsNetwork;
import dev.rerank4j.model.TrainingAccess;
import dev.rerank4j.model.export.GraphBuilder.Initializer;
import dev.rerank4j.model.export.GraphBuilder.Node;
import dev.rerank4j.testing.TinyModels;
import dev.rerank4j.testing.TinyModels.Checkpoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which MatMuls the int8 rewrite quantizes: all but the feed-forward down projections of the first layers. */
class DynamicQuantizerTest {
    @Test
    void theFirstLayersKeepTheirDownProjectionInFloat(@TempDir Path dir) {
        Path modelDir = TinyModels.write(dir.resolve("m"), Architecture.BERT, Checkpoint.WITH_HEAD, 1, 5);
        try (CrossEncoder model = CrossEncoder.load(modelDir)) {
            int layers = TrainingAccess.network(model).config().numLayers();
            assertThat(layers)
                    .as("the tiny model needs layers on both sides of the cut")
                    .isGreaterThanOrEqualTo(2);
            int all = quantized(model, 0);
            int one = quantized(model, 1);
            int every = quantized(model, layers);
            int beyond = quantized(model, layers + 5);
            // one down projection per layer stays float per layer kept, nothing else changes
            assertThat(all - one).isEqualTo(1);
            assertThat(all - every).isEqualTo(layers);
            assertThat(beyond).isEqualTo(every);

            GraphBuilder g = graph(model);
            new DynamicQuantizer(127, 1).quantize(g);
            List<String> floatMatMuls = g.nodes().stream()
                    .filter(n -> n.opType().equals("MatMul"))
                    .map(n -> n.inputs().get(1))
                    .filter(name -> g.initializer(name) != null)
                    .toList();
            assertThat(floatMatMuls).containsExactly("bert.encoder.layer.0.output.dense.weight.T");
        }
    }

    @Test
    void theLayerIsReadFromHuggingFaceNames() {
        DynamicQuantizer q = new DynamicQuantizer(127, 2);
        assertThat(q.keepsFloat(weight("bert.encoder.layer.1.output.dense.weight.T", 64, 16)))
                .isTrue();
        assertThat(q.keepsFloat(weight("model.layers.0.mlp.down_proj.weight.T", 64, 16)))
                .isTrue();
        assertThat(q.keepsFloat(weight("model.layers.2.mlp.down_proj.weight.T", 64, 16)))
                .isFalse();
        assertThat(q.keepsFloat(weight("model.layers.12.mlp.Wo.weight.T", 64, 16)))
                .isFalse();
        // an up projection or a square one is always quantized
        assertThat(q.keepsFloat(weight("bert.encoder.layer.0.intermediate.dense.weight.T", 16, 64)))
                .isFalse();
        assertThat(q.keepsFloat(weight("bert.encoder.layer.0.attention.self.query.weight.T", 16, 16)))
                .isFalse();
        // a weight outside the layers (a head) too
        assertThat(q.keepsFloat(weight("classifier.weight.T", 16, 1))).isFalse();
        assertThat(new DynamicQuantizer(127, 0).keepsFloat(weight("model.layers.0.mlp.down_proj.weight.T", 64, 16)))
                .isFalse();
        assertThatThrownBy(() -> new DynamicQuantizer(127, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("floatDownLayers");
        assertThatThrownBy(() -> OnnxExportOptions.defaults().withFloatDownLayers(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("floatDownLayers must be >= 0");
        assertThat(OnnxExportOptions.defaults().floatDownLayers()).isEqualTo(2);
    }

    private static Initializer weight(String name, long in, long out) {
        return new Initializer(name, GraphBuilder.FLOAT, new long[] {in, out}, new byte[0]);
    }

    private static GraphBuilder graph(CrossEncoder model) {
        return OnnxExport.record((OpsNetwork) TrainingAccess.network(model), model);
    }

    private static int quantized(CrossEncoder model, int floatDownLayers) {
        GraphBuilder g = graph(model);
        int n = new DynamicQuantizer(127, floatDownLayers).quantize(g);
        long integerProducts = g.nodes().stream()
                .map(Node::opType)
                .filter("MatMulInteger"::equals)
                .count();
        assertThat(integerProducts).isEqualTo(n - gathers(g));
        return (int) integerProducts;
    }

    private static long gathers(GraphBuilder g) {
        return g.nodes().stream().filter(n -> n.name().endsWith("_dequant")).count();
    }
}
