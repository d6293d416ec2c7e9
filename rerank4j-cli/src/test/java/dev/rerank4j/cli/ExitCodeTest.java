package dev.rerank4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.ModelFormatException;
import dev.rerank4j.Rerank4jException;
import dev.rerank4j.Rerank4jException.Fault;
import dev.rerank4j.RunInterruptedException;
import dev.rerank4j.StopRequest;
import dev.rerank4j.StopSignal;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.io.WeightsFormatException;
import dev.rerank4j.tokenize.TokenizerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The exit code comes from the exception's fault, not from its class. */
class ExitCodeTest {
    @Test
    void badInputExitsTwo() {
        assertThat(Main.exitCode(new ModelFormatException("m: not a model"))).isEqualTo(2);
        assertThat(Main.exitCode(new DataFormatException(Path.of("a.jsonl"), 1, "bad")))
                .isEqualTo(2);
        assertThat(Main.exitCode(new WeightsFormatException("w: truncated"))).isEqualTo(2);
        assertThat(Main.exitCode(new TokenizerException("t: bad"))).isEqualTo(2);
        assertThat(Main.exitCode(new Rerank4jException(Fault.BAD_INPUT, "any subclass-free bad input")))
                .isEqualTo(2);
        assertThat(Main.exitCode(new IllegalArgumentException("batchSize must be >= 1, got 0")))
                .isEqualTo(2);
        assertThat(Main.exitCode(
                        new CommandLine.ParameterException(new CommandLine(new Main(StopSignal.never())), "bad flag")))
                .isEqualTo(2);
    }

    @Test
    void failuresExitOne() {
        assertThat(Main.exitCode(new Rerank4jException(Fault.FAILURE, "connection reset")))
                .isEqualTo(1);
        assertThat(Main.exitCode(new UncheckedIOException(new IOException("disk full"))))
                .isEqualTo(1);
        assertThat(Main.exitCode(new IllegalStateException("bug"))).isEqualTo(1);
        assertThat(Main.exitCode(new OutOfMemoryError())).isEqualTo(1);
    }

    @Test
    void aStoppedRunExitsWithItsSignalsStatus() {
        RunInterruptedException term = new RunInterruptedException(StopRequest.signal("SIGTERM", 15), "stopped");
        RunInterruptedException interrupt = new RunInterruptedException(StopRequest.signal("SIGINT", 2), "stopped");
        assertThat(term.fault()).isEqualTo(Fault.INTERRUPTED);
        assertThat(term.isUserError()).isFalse();
        assertThat(Main.exitCode(term)).isEqualTo(143);
        assertThat(Main.exitCode(interrupt)).isEqualTo(130);
    }

    @Test
    void aSubclassDecidesByItsFaultNotItsName() {
        class OddFailure extends ModelFormatException {
            OddFailure() {
                super("a model exception that is still bad input");
            }
        }
        assertThat(Main.exitCode(new OddFailure())).isEqualTo(2);
    }
}
