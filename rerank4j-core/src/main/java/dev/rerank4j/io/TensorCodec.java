package dev.rerank4j.io;

import java.nio.ByteBuffer;

/**
 * Element conversion between little-endian stored bytes and float32 values.
 *
 * <p>Reading: floats widen exactly (F64 rounds to nearest); integers must be exactly representable as float32 and
 * BOOL bytes must be 0 or 1, otherwise reading fails naming the element. Writing: F32 keeps the exact bits, F16 and
 * BF16 round to nearest even ({@link HalfFloats}).
 */
final class TensorCodec {
    private TensorCodec() {}

    /**
     * Decodes {@code count} elements of {@code type} from {@code src} (little-endian, positioned at the first one)
     * into {@code dst[dstOffset...]}.
     *
     * @param context names the tensor in error messages, e.g. {@code "/m/model.safetensors: tensor 'x'"}
     * @throws WeightsFormatException if a value has no exact float32 (or BOOL) meaning
     */
    static void decode(DType type, ByteBuffer src, float[] dst, int dstOffset, int count, String context)
            throws WeightsFormatException {
        for (int i = dstOffset; i < dstOffset + count; i++) {
            dst[i] = switch (type) {
                case F32 -> src.getFloat();
                case F16 -> HalfFloats.f16ToFloat(src.getShort());
                case BF16 -> HalfFloats.bf16ToFloat(src.getShort());
                case F64 -> fromDouble(src.getDouble(), i, context);
                case I64 -> exactFloat(src.getLong(), i, context);
                case I32 -> exactFloat(src.getInt(), i, context);
                case I16 -> src.getShort();
                case I8 -> src.get();
                case U8 -> src.get() & 0xFF;
                case BOOL -> fromBool(src.get(), i, context);
            };
        }
    }

    /** Encodes {@code count} values into {@code dst} as {@code type} (F32, F16 or BF16), little-endian. */
    static void encode(DType type, float[] src, int srcOffset, int count, ByteBuffer dst) {
        for (int i = srcOffset; i < srcOffset + count; i++) {
            switch (type) {
                case F32 -> dst.putInt(Float.floatToRawIntBits(src[i]));
                case F16 -> dst.putShort(HalfFloats.floatToF16(src[i]));
                case BF16 -> dst.putShort(HalfFloats.floatToBf16(src[i]));
                default -> throw new IllegalArgumentException("cannot write " + type + "; writable: F32, F16, BF16");
            }
        }
    }

    /**
     * The float32 equal to an integer.
     *
     * @throws WeightsFormatException if no float32 equals {@code value} (|value| above 2^24 and not a multiple of
     *     the float spacing there)
     */
    static float exactFloat(long value, int index, String context) throws WeightsFormatException {
        float f = value;
        if (f == 0x1p63f || (long) f != value) { // 2^63 saturates to Long.MAX_VALUE when cast back: exclude it
            throw new WeightsFormatException(context + ": element " + index + " = " + value
                    + " is not exactly representable as float32 (rerank4j holds tensors as float32)");
        }
        return f;
    }

    private static float fromDouble(double value, int index, String context) throws WeightsFormatException {
        float f = (float) value;
        if (Float.isInfinite(f) && !Double.isInfinite(value)) {
            throw new WeightsFormatException(context + ": element " + index + " = " + value
                    + " overflows float32 (largest " + Float.MAX_VALUE + ")");
        }
        return f;
    }

    private static float fromBool(byte value, int index, String context) throws WeightsFormatException {
        if (value != 0 && value != 1) {
            throw new WeightsFormatException(context + ": element " + index + " of a BOOL tensor is byte "
                    + (value & 0xFF) + ", expected 0 or 1");
        }
        return value;
    }
}
