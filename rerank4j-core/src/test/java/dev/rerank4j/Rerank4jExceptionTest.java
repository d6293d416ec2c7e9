package dev.rerank4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.Rerank4jException.Fault;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.io.WeightsFormatException;
import dev.rerank4j.tokenize.TokenizerException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class Rerank4jExceptionTest {
    @Test
    void formatExceptionsAreBadInput() {
        Throwable cause = new IOException("parser said no");
        assertBadInput(new ModelFormatException("m/config.json: not valid JSON"));
        assertBadInput(new ModelFormatException("m/config.json: not valid JSON", cause));
        assertBadInput(new DataFormatException(Path.of("train.jsonl"), 3, "missing column \"query\""));
        assertBadInput(new DataFormatException(Path.of("train.jsonl"), 3, "bad", cause));
        assertBadInput(new WeightsFormatException("m/model.safetensors: truncated header"));
        assertBadInput(new WeightsFormatException("m/model.safetensors: truncated header", cause));
        assertBadInput(new TokenizerException("m/tokenizer.json: not valid JSON"));
        assertBadInput(new TokenizerException("m/tokenizer.json: not valid JSON", cause));
    }

    @Test
    void theFaultIsWhatTheThrowerSays() {
        Rerank4jException failure = new Rerank4jException(Fault.FAILURE, "disk full", new IOException("ENOSPC"));
        assertThat(failure.fault()).isEqualTo(Fault.FAILURE);
        assertThat(failure.isUserError()).isFalse();
        assertThat(failure).hasMessage("disk full").hasCauseInstanceOf(IOException.class);
        Rerank4jException bad = new Rerank4jException(Fault.BAD_INPUT, "--batch-size 0: must be >= 1");
        assertThat(bad.isUserError()).isTrue();
        assertThat(bad.getCause()).isNull();
    }

    @Test
    void aFaultIsRequired() {
        assertThatThrownBy(() -> new Rerank4jException(null, "x"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("fault");
    }

    @Test
    void dataFormatExceptionsKeepFileAndLine() {
        DataFormatException e = new DataFormatException(Path.of("qrels", "test.tsv"), 12, "expected 3 fields, got 2");
        assertThat(e).hasMessage(Path.of("qrels", "test.tsv") + ":12: expected 3 fields, got 2");
        assertThat(e.file()).isEqualTo(Path.of("qrels", "test.tsv"));
        assertThat(e.line()).isEqualTo(12);
        assertThat(new DataFormatException(Path.of("a.tsv"), 0, "empty file")).hasMessage("a.tsv: empty file");
    }

    private static void assertBadInput(Rerank4jException e) {
        assertThat(e.fault()).as(e.getClass().getSimpleName()).isEqualTo(Fault.BAD_INPUT);
        assertThat(e.isUserError()).isTrue();
    }
}
