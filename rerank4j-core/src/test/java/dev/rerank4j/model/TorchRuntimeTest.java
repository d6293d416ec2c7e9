package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class TorchRuntimeTest {
    @Test
    void startsOfflineWithTrackingOff() {
        var engine = TorchRuntime.shared().engine();
        assertThat(engine.getEngineName()).isEqualTo("PyTorch");
        assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        try (NDManager manager = engine.newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3});
            assertThat(a.sum().getFloat()).isEqualTo(6f);
        }
    }
}
