package dev.rerank4j.io;

import static dev.rerank4j.io.HalfFloats.bf16ToFloat;
import static dev.rerank4j.io.HalfFloats.f16ToFloat;
import static dev.rerank4j.io.HalfFloats.floatToBf16;
import static dev.rerank4j.io.HalfFloats.floatToF16;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {
    private static float bits(int b) {
        return Float.intBitsToFloat(b);
    }

    private static int f16(float f) {
        return floatToF16(f) & 0xFFFF;
    }

    private static int bf16(float f) {
        return floatToBf16(f) & 0xFFFF;
    }

    @Test
    void f16NormalsAndRoundHalfEven() {
        assertThat(f16(1f)).isEqualTo(0x3C00);
        assertThat(f16(-2f)).isEqualTo(0xC000);
        assertThat(f16(0.1f)).isEqualTo(0x2E66); // 0.0999755859375
        assertThat(f16(65504f)).isEqualTo(0x7BFF); // largest finite half
        // 1 + 2^-11 lies halfway between 1 (0x3C00, even) and 1 + 2^-10 (0x3C01): ties go to even
        assertThat(f16(1f + 0x1p-11f)).isEqualTo(0x3C00);
        // 1 + 3 * 2^-11 lies halfway between 0x3C01 (odd) and 0x3C02 (even)
        assertThat(f16(1f + 3 * 0x1p-11f)).isEqualTo(0x3C02);
        assertThat(f16(Math.nextUp(1f + 0x1p-11f))).isEqualTo(0x3C01);
        // a mantissa carry ripples into the exponent: 2 - 2^-12 rounds up to 2
        assertThat(f16(2f - 0x1p-12f)).isEqualTo(0x4000);
    }

    @Test
    void f16OverflowInfinityAndNaN() {
        assertThat(f16(65519.99f)).isEqualTo(0x7BFF); // below the halfway point 65520
        assertThat(f16(65520f)).isEqualTo(0x7C00); // halfway between 65504 (odd) and 2^16: to even, i.e. infinity
        assertThat(f16(1e6f)).isEqualTo(0x7C00);
        assertThat(f16(-1e6f)).isEqualTo(0xFC00);
        assertThat(f16(Float.POSITIVE_INFINITY)).isEqualTo(0x7C00);
        assertThat(f16(Float.NEGATIVE_INFINITY)).isEqualTo(0xFC00);
        assertThat(f16(Float.NaN)).isEqualTo(0x7E00);
        assertThat(f16ToFloat(f16(bits(0x7F80_0001)))).isNaN(); // a signalling NaN stays NaN (quiet)
        assertThat(f16(bits(0xFFC0_0000))).isEqualTo(0xFE00); // sign of NaN kept
    }

    @Test
    void f16SubnormalsAndZeros() {
        assertThat(f16(0x1p-24f)).isEqualTo(0x0001); // smallest subnormal
        assertThat(f16(0x1p-25f)).isEqualTo(0x0000); // halfway between 0 and 2^-24: to even (0)
        assertThat(f16(Math.nextUp(0x1p-25f))).isEqualTo(0x0001);
        assertThat(f16(3 * 0x1p-25f)).isEqualTo(0x0002); // halfway between 1 and 2 ulps: to even (2)
        assertThat(f16(1023 * 0x1p-24f)).isEqualTo(0x03FF); // largest subnormal
        assertThat(f16(0x1p-14f - 0x1p-25f)).isEqualTo(0x0400); // halfway to the smallest normal: to even (0x400)
        assertThat(f16(0x1p-14f)).isEqualTo(0x0400);
        assertThat(f16(1e-10f)).isEqualTo(0x0000);
        assertThat(f16(-1e-10f)).isEqualTo(0x8000);
        assertThat(f16(-0f)).isEqualTo(0x8000);
        assertThat(f16(Float.MIN_VALUE)).isEqualTo(0x0000);
    }

    @Test
    void f16WidensExactly() {
        assertThat(f16ToFloat(0x0001)).isEqualTo(0x1p-24f);
        assertThat(f16ToFloat(0x03FF)).isEqualTo(1023 * 0x1p-24f);
        assertThat(f16ToFloat(0x8001)).isEqualTo(-0x1p-24f);
        assertThat(f16ToFloat(0x3555)).isEqualTo(0.333251953125f);
        assertThat(f16ToFloat(0x7BFF)).isEqualTo(65504f);
        assertThat(f16ToFloat(0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(f16ToFloat(0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(f16ToFloat(0x7E00)).isNaN();
        assertThat(Float.floatToRawIntBits(f16ToFloat(0x8000))).isEqualTo(0x8000_0000);
    }

    @Test
    void bf16RoundHalfEvenOverflowAndNaN() {
        assertThat(bf16(1f)).isEqualTo(0x3F80);
        assertThat(bf16(-2f)).isEqualTo(0xC000);
        assertThat(bf16(bits(0x3F80_8000))).isEqualTo(0x3F80); // halfway, low bit even: down
        assertThat(bf16(bits(0x3F81_8000))).isEqualTo(0x3F82); // halfway, low bit odd: up
        assertThat(bf16(bits(0x3F80_8001))).isEqualTo(0x3F81);
        assertThat(bf16(bits(0x3F80_7FFF))).isEqualTo(0x3F80);
        assertThat(bf16(bits(0x3FFF_FFFF))).isEqualTo(0x4000); // carry into the exponent
        assertThat(bf16(Float.MAX_VALUE)).isEqualTo(0x7F80); // beyond the largest bf16 and its halfway point
        assertThat(bf16(bits(0x7F7F_7FFF))).isEqualTo(0x7F7F); // just below halfway: largest finite bf16
        assertThat(bf16(Float.POSITIVE_INFINITY)).isEqualTo(0x7F80);
        assertThat(bf16(Float.NEGATIVE_INFINITY)).isEqualTo(0xFF80);
        assertThat(bf16(Float.NaN)).isEqualTo(0x7FC0);
        assertThat(bf16ToFloat(bf16(bits(0x7F80_0001)))).isNaN(); // would truncate to infinity without care
        assertThat(bf16(bits(0xFFC0_0000))).isEqualTo(0xFFC0);
        // float32 subnormals: bf16 keeps float32's exponent range, so they round on the same 16-bit boundary
        assertThat(bf16(bits(0x0000_8000))).isEqualTo(0x0000);
        assertThat(bf16(bits(0x0001_8000))).isEqualTo(0x0002);
        assertThat(bf16(bits(0x0000_8001))).isEqualTo(0x0001);
        assertThat(bf16(-0f)).isEqualTo(0x8000);
        assertThat(bf16ToFloat(0x0001)).isEqualTo(bits(0x0001_0000));
        assertThat(bf16ToFloat(0x3F80)).isEqualTo(1f);
    }

    @Test
    void everyNonNanBitPatternSurvivesWidenThenNarrow() {
        for (int h = 0; h < 0x10000; h++) {
            if (!Float.isNaN(f16ToFloat(h))) {
                assertThat(f16(f16ToFloat(h))).as("f16 %04x", h).isEqualTo(h);
            }
            if (!Float.isNaN(bf16ToFloat(h))) {
                assertThat(bf16(bf16ToFloat(h))).as("bf16 %04x", h).isEqualTo(h);
            }
        }
    }

    @Test
    void narrowingPicksTheNearestValueAndTiesToEven() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isNaN(f) || Math.abs(f) >= 65520f) {
                continue;
            }
            checkNearest(f, f16(f), false);
            if (Math.abs(f) < 0x1.fep127f) {
                checkNearest(f, bf16(f), true);
            }
        }
    }

    private static void checkNearest(float f, int h, boolean brain) {
        double chosen = brain ? bf16ToFloat(h) : f16ToFloat(h);
        double error = Math.abs(chosen - f);
        // the neighbours of h in magnitude (same sign); below the smallest value there is zero of either sign
        for (int neighbour : new int[] {h - 1, h + 1}) {
            if ((neighbour & 0x7FFF) == 0x7FFF || ((neighbour ^ h) & 0x8000) != 0) {
                continue;
            }
            double other = brain ? bf16ToFloat(neighbour) : f16ToFloat(neighbour);
            double otherError = Math.abs(other - f);
            assertThat(error).as("%s -> %04x vs %04x", f, h, neighbour).isLessThanOrEqualTo(otherError);
            if (error == otherError) {
                assertThat(h & 1).as("tie %s -> %04x must be even", f, h).isZero();
            }
        }
    }
}
