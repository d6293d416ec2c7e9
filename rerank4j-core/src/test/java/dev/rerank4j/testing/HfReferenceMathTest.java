package dev.rerank4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The reference's own numerics against values tabulated with Python's {@code math.erf}. */
class HfReferenceMathTest {
    @Test
    void erfMatchesTabulatedValues() {
        assertThat(HfReferenceMath.erf(0.0)).isZero();
        assertThat(HfReferenceMath.erf(0.5)).isCloseTo(0.5204998778130465, within(1e-15));
        assertThat(HfReferenceMath.erf(1.0)).isCloseTo(0.8427007929497149, within(1e-15));
        assertThat(HfReferenceMath.erf(-2.0)).isCloseTo(-0.9953222650189527, within(1e-15));
        assertThat(HfReferenceMath.erf(3.5)).isCloseTo(0.9999992569016276, within(1e-15));
        assertThat(HfReferenceMath.erf(5.9)).isCloseTo(0.9999999999999999, within(1e-15));
        assertThat(HfReferenceMath.erf(-7.0)).isEqualTo(-1.0);
    }

    @Test
    void geluVariantsMatchTheirDefinitions() {
        // 0.5 x (1 + erf(x / sqrt 2)) and 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), from Python.
        assertThat(HfReferenceMath.activation("gelu", 1.0)).isCloseTo(0.8413447460685429, within(1e-15));
        assertThat(HfReferenceMath.activation("gelu", -2.0)).isCloseTo(-0.04550026389635842, within(1e-15));
        assertThat(HfReferenceMath.activation("gelu_new", 1.0)).isCloseTo(0.8411919906082768, within(1e-15));
        assertThat(HfReferenceMath.activation("relu", -1.0)).isZero();
    }
}
