package io.proximadb.spi.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Plain Java quantized kernels: the reference the SIMD ones are tested against, and the fallback
 * where the Vector API cannot be used. Popcount is {@link Long#bitCount}, which the JIT compiles
 * to the {@code popcnt} instruction.
 */
public final class ScalarQuantizedKernels implements QuantizedKernels {

    public static final ScalarQuantizedKernels INSTANCE = new ScalarQuantizedKernels();

    /** Bit codes stored off-heap: little-endian 64-bit words at any byte offset. */
    static final ValueLayout.OfLong STORED_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ScalarQuantizedKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int int8Dot(byte[] a, byte[] b) {
        QuantizedKernels.checkLengths(a.length, b.length);
        int s0 = 0, s1 = 0;
        int i = 0;
        for (int bound = a.length & ~1; i < bound; i += 2) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return s0 + s1;
    }

    @Override
    public int int8SquaredL2(byte[] a, byte[] b) {
        QuantizedKernels.checkLengths(a.length, b.length);
        int sum = 0;
        for (int i = 0; i < a.length; i++) {
            int d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public int int8Dot(byte[] a, MemorySegment b, long offset) {
        int sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b.get(ValueLayout.JAVA_BYTE, offset + i);
        }
        return sum;
    }

    @Override
    public int int8SquaredL2(byte[] a, MemorySegment b, long offset) {
        int sum = 0;
        for (int i = 0; i < a.length; i++) {
            int d = a[i] - b.get(ValueLayout.JAVA_BYTE, offset + i);
            sum += d * d;
        }
        return sum;
    }

    @Override
    public float roundToInt8(float[] a, byte[] out) {
        QuantizedKernels.checkLengths(a.length, out.length);
        float largest = 0;
        for (float value : a) {
            largest = Math.max(largest, Math.abs(value));
        }
        float scale = QuantizedKernels.int8Scale(largest);
        for (int i = 0; i < a.length; i++) {
            out[i] = roundedByte(a[i], scale);
        }
        return scale;
    }

    /**
     * Round half up as a truncation of a positive value: {@code |value · scale| <= 127}, so the sum
     * lies in [1.5, 255.5]. Unlike {@code Math.round}, a plain cast, which vector code can repeat.
     */
    static byte roundedByte(float value, float scale) {
        return (byte) ((int) (value * scale + 128.5f) - 128);
    }

    @Override
    public float floatInt8Dot(float[] a, byte[] codes) {
        QuantizedKernels.checkLengths(a.length, codes.length);
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (int bound = a.length & ~3; i < bound; i += 4) {
            s0 += a[i] * codes[i];
            s1 += a[i + 1] * codes[i + 1];
            s2 += a[i + 2] * codes[i + 2];
            s3 += a[i + 3] * codes[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * codes[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public float floatInt8Dot(float[] a, MemorySegment codes, long offset) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (int bound = a.length & ~3; i < bound; i += 4) {
            s0 += a[i] * codes.get(ValueLayout.JAVA_BYTE, offset + i);
            s1 += a[i + 1] * codes.get(ValueLayout.JAVA_BYTE, offset + i + 1);
            s2 += a[i + 2] * codes.get(ValueLayout.JAVA_BYTE, offset + i + 2);
            s3 += a[i + 3] * codes.get(ValueLayout.JAVA_BYTE, offset + i + 3);
        }
        for (; i < a.length; i++) {
            s0 += a[i] * codes.get(ValueLayout.JAVA_BYTE, offset + i);
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void floatInt8Dotx4(float[] a, MemorySegment codes, long o0, long o1, long o2, long o3, float[] out) {
        out[0] = floatInt8Dot(a, codes, o0);
        out[1] = floatInt8Dot(a, codes, o1);
        out[2] = floatInt8Dot(a, codes, o2);
        out[3] = floatInt8Dot(a, codes, o3);
    }

    @Override
    public float floatInt8Manhattan(float[] a, float[] scales, MemorySegment codes, long offset) {
        QuantizedKernels.checkLengths(a.length, scales.length);
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - scales[i] * codes.get(ValueLayout.JAVA_BYTE, offset + i));
        }
        return sum;
    }

    @Override
    public int hamming(long[] a, long[] b) {
        QuantizedKernels.checkLengths(a.length, b.length);
        int sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Long.bitCount(a[i] ^ b[i]);
        }
        return sum;
    }

    @Override
    public int hamming(long[] a, MemorySegment b, long offset) {
        int sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Long.bitCount(a[i] ^ b.get(STORED_LONG, offset + (long) i * Long.BYTES));
        }
        return sum;
    }
}
