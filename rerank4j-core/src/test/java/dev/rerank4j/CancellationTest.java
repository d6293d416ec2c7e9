package dev.rerank4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stop request: its values, who wins, and inference stopping between batches. */
class CancellationTest {
    @Test
    void theFirstRequestWinsAndStopsTheRun() {
        Cancellation c = new Cancellation();
        assertThat(c.isStopRequested()).isFalse();
        c.throwIfStopped();

        assertThat(c.requestStop(StopRequest.signal("SIGTERM", 15))).isTrue();
        assertThat(c.requestStop(StopRequest.signal("SIGINT", 2))).isFalse();

        assertThat(c.stopRequest()).contains(new StopRequest("SIGTERM", 143));
        assertThatThrownBy(c::throwIfStopped)
                .isInstanceOfSatisfying(
                        RunInterruptedException.class,
                        e -> assertThat(e.request().exitStatus()).isEqualTo(143))
                .hasMessage("stopped on SIGTERM");
    }

    @Test
    void neverStops() {
        assertThat(StopSignal.never().isStopRequested()).isFalse();
        StopSignal.never().throwIfStopped();
    }

    @Test
    void requestsAreChecked() {
        assertThat(StopRequest.signal("SIGINT", 2).exitStatus()).isEqualTo(130);
        assertThatThrownBy(() -> new StopRequest(" ", 1)).hasMessage("reason must not be blank");
        assertThatThrownBy(() -> new StopRequest("x", 256)).hasMessage("exitStatus must be in [0, 255], got 256");
        assertThatThrownBy(() -> StopRequest.signal("SIGX", 0)).hasMessage("signal number must be in [1, 127], got 0");
    }

    @Test
    void predictionPollsOncePerBatchAndStopsBetweenBatches(@TempDir Path tmp) {
        StopRequest request = new StopRequest("test", 1);
        AtomicInteger polls = new AtomicInteger();
        StopSignal afterThreeBatches = () -> polls.incrementAndGet() > 3 ? Optional.of(request) : Optional.empty();
        List<TextPair> pairs = IntStream.range(0, 10)
                .mapToObj(i -> new TextPair("query " + i, "document " + i))
                .toList();
        try (CrossEncoder model = CrossEncoder.load(TinyModels.reranker(tmp.resolve("m"), Architecture.BERT))) {
            PredictOptions options = PredictOptions.defaults()
                    .withBatchSize(2)
                    .withProgress(ProgressMode.OFF)
                    .withStop(afterThreeBatches);

            assertThatThrownBy(() -> model.predictLabels(pairs, options))
                    .isInstanceOfSatisfying(
                            RunInterruptedException.class,
                            e -> assertThat(e.request()).isSameAs(request));
            assertThat(polls).hasValue(4);
            assertThat(model.predict(pairs, options.withStop(StopSignal.never())))
                    .hasSize(10);
        }
    }
}
