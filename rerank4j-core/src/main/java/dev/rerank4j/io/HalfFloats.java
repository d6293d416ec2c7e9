package dev.rerank4j.io;

/**
 * Conversions between float32 and the two 16-bit float formats (IEEE 754 binary16 and bfloat16).
 *
 * <p>Widening is exact. Narrowing rounds to nearest, ties to even, as IEEE 754 (and {@code torch.Tensor.to}) does:
 * values beyond the largest finite number become infinity, tiny values become subnormals or signed zero, and NaN
 * stays a quiet NaN with its sign.
 */
final class HalfFloats {
    private HalfFloats() {}

    /** bfloat16 bits (low 16 bits of {@code bits}) to float32, exactly. */
    static float bf16ToFloat(int bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** float32 to bfloat16 bits, rounding to nearest even. */
    static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) { // NaN: keep sign and top payload bits, force quiet
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    /** IEEE binary16 bits (low 16 bits of {@code bits}) to float32, exactly. */
    static float f16ToFloat(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) { // infinity or NaN
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
        }
        if (exponent == 0) { // zero or subnormal: mantissa * 2^-24, exact in float32
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /** float32 to IEEE binary16 bits, rounding to nearest even. */
    static short floatToF16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xFF;
        int mantissa = bits & 0x7F_FFFF;
        if (exponent == 0xFF) { // infinity or NaN (NaN stays quiet, keeps its top payload bits)
            return (short) (mantissa == 0 ? sign | 0x7C00 : sign | 0x7E00 | (mantissa >>> 13));
        }
        int halfExponent = exponent - 127 + 15;
        if (halfExponent >= 0x1F) { // at least 2^16: beyond the largest half (65504) and its rounding range
            return (short) (sign | 0x7C00);
        }
        if (halfExponent <= 0) { // a half subnormal (or zero): value / 2^-24 rounded to an integer
            if (halfExponent < -10) { // below 2^-25, half of the smallest subnormal: rounds to zero
                return (short) sign;
            }
            int significand = mantissa | 0x80_0000;
            int shift = 14 - halfExponent;
            return (short) (sign | roundShift(significand, shift));
        }
        // normal: drop 13 mantissa bits; a carry may ripple into the exponent (and up to infinity), which is right
        int truncated = (halfExponent << 10) | (mantissa >>> 13);
        return (short) (sign | roundUp(truncated, mantissa & 0x1FFF, 0x1000));
    }

    private static int roundShift(int significand, int shift) {
        int kept = significand >>> shift;
        int rest = significand & ((1 << shift) - 1);
        return roundUp(kept, rest, 1 << (shift - 1));
    }

    private static int roundUp(int kept, int rest, int halfway) {
        boolean up = rest > halfway || (rest == halfway && (kept & 1) != 0);
        return up ? kept + 1 : kept;
    }
}
