package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Expected values are those of Python's {@code fnmatch.fnmatchcase}. */
class GlobTest {
    @Test
    void starCrossesFolders() {
        assertThat(Glob.of("*.json").test("1_Pooling/config.json")).isTrue();
        assertThat(Glob.of("*.json").test("config.json")).isTrue();
        assertThat(Glob.of("*.json").test("config.json.bak")).isFalse();
    }

    @Test
    void questionMarkAndClasses() {
        assertThat(Glob.of("model-0000?.bin").test("model-00001.bin")).isTrue();
        assertThat(Glob.of("model-0000?.bin").test("model-000012.bin")).isFalse();
        assertThat(Glob.of("[ab].txt").test("a.txt")).isTrue();
        assertThat(Glob.of("[!ab].txt").test("a.txt")).isFalse();
        assertThat(Glob.of("[!ab].txt").test("c.txt")).isTrue();
        assertThat(Glob.of("[0-9]_*").test("1_Pooling/config.json")).isTrue();
        assertThat(Glob.of("[]].txt").test("].txt")).isTrue();
    }

    @Test
    void specialCharactersAreLiteral() {
        assertThat(Glob.of("a+b(c).json").test("a+b(c).json")).isTrue();
        assertThat(Glob.of("[unclosed").test("[unclosed")).isTrue();
        assertThat(Glob.of("a.json").test("abjson")).isFalse();
    }

    @Test
    void trailingSlashMeansEverythingBelow() {
        assertThat(Glob.of("onnx/").test("onnx/model.onnx")).isTrue();
        assertThat(Glob.of("onnx/").test("onnx_config.json")).isFalse();
    }

    @Test
    void caseSensitive() {
        assertThat(Glob.of("*.JSON").test("config.json")).isFalse();
    }

    @Test
    void blankPatternIsRejected() {
        assertThatThrownBy(() -> Glob.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
