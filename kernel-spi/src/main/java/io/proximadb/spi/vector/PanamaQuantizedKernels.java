package io.proximadb.spi.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Quantized kernels on the Panama Vector API at the platform's preferred width, with scalar
 * tails. Bytes are widened straight to int lanes ({@code B2I}) before they are multiplied or
 * subtracted: going through shorts (Lucene's way: multiply shorts, then widen the products in two
 * halves) measured two to three times slower on AVX-512 ({@code Int8KernelsBenchmark}). The
 * float-by-int8 kernels widen a byte lane straight to a float lane ({@code B2F}), one byte vector
 * per float vector of the same lane count. Only loaded by {@link VectorKernelsProvider} when
 * {@code jdk.incubator.vector} is in the boot layer.
 */
final class PanamaQuantizedKernels implements QuantizedKernels {

    private static final VectorSpecies<Float> FLOAT = FloatVector.SPECIES_PREFERRED;
    /** Bytes with as many lanes as {@link #FLOAT}: widened lane for lane to floats. */
    private static final VectorSpecies<Byte> BYTE_PER_FLOAT = ByteVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(FLOAT.length() * Byte.SIZE));
    private static final VectorSpecies<Integer> INT = IntVector.SPECIES_PREFERRED;
    /** Bytes with as many lanes as {@link #INT}. */
    private static final VectorSpecies<Byte> BYTE_PER_INT = ByteVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(INT.length() * Byte.SIZE));
    private static final VectorSpecies<Long> LONG = LongVector.SPECIES_PREFERRED;

    /**
     * Below two vectors of words the scalar loop ({@code popcnt} per word) wins: a 784-bit code is
     * one vector and a five-word tail, measured 20–25 % slower than thirteen {@code popcnt}s
     * ({@code HammingBenchmark}); from 1,536 bits on the vectors win by about half.
     */
    private static final int HAMMING_VECTOR_WORDS = 2 * LONG.length();

    @Override
    public String name() {
        return "panama-" + FLOAT.vectorBitSize();
    }

    @Override
    public int int8Dot(byte[] a, byte[] b) {
        QuantizedKernels.checkLengths(a.length, b.length);
        int i = 0;
        int sum = 0;
        int bound = BYTE_PER_INT.loopBound(a.length);
        if (bound > 0) {
            IntVector acc0 = IntVector.zero(INT);
            IntVector acc1 = IntVector.zero(INT);
            int step = BYTE_PER_INT.length();
            for (; i + step < bound; i += 2 * step) {
                acc0 = acc0.add(toInts(ByteVector.fromArray(BYTE_PER_INT, a, i)).mul(toInts(ByteVector.fromArray(BYTE_PER_INT, b, i))));
                acc1 = acc1.add(toInts(ByteVector.fromArray(BYTE_PER_INT, a, i + step))
                        .mul(toInts(ByteVector.fromArray(BYTE_PER_INT, b, i + step))));
            }
            for (; i < bound; i += step) {
                acc0 = acc0.add(toInts(ByteVector.fromArray(BYTE_PER_INT, a, i)).mul(toInts(ByteVector.fromArray(BYTE_PER_INT, b, i))));
            }
            sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Override
    public int int8Dot(byte[] a, MemorySegment b, long offset) {
        int i = 0;
        int sum = 0;
        int bound = BYTE_PER_INT.loopBound(a.length);
        if (bound > 0) {
            IntVector acc0 = IntVector.zero(INT);
            IntVector acc1 = IntVector.zero(INT);
            int step = BYTE_PER_INT.length();
            for (; i + step < bound; i += 2 * step) {
                acc0 = acc0.add(toInts(ByteVector.fromArray(BYTE_PER_INT, a, i)).mul(storedInts(b, offset + i)));
                acc1 = acc1.add(toInts(ByteVector.fromArray(BYTE_PER_INT, a, i + step)).mul(storedInts(b, offset + i + step)));
            }
            for (; i < bound; i += step) {
                acc0 = acc0.add(toInts(ByteVector.fromArray(BYTE_PER_INT, a, i)).mul(storedInts(b, offset + i)));
            }
            sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            sum += a[i] * b.get(ValueLayout.JAVA_BYTE, offset + i);
        }
        return sum;
    }

    @Override
    public int int8SquaredL2(byte[] a, byte[] b) {
        QuantizedKernels.checkLengths(a.length, b.length);
        int i = 0;
        int sum = 0;
        int bound = BYTE_PER_INT.loopBound(a.length);
        if (bound > 0) {
            IntVector acc = IntVector.zero(INT);
            for (; i < bound; i += BYTE_PER_INT.length()) {
                IntVector d = toInts(ByteVector.fromArray(BYTE_PER_INT, a, i)).sub(toInts(ByteVector.fromArray(BYTE_PER_INT, b, i)));
                acc = acc.add(d.mul(d));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            int d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public int int8SquaredL2(byte[] a, MemorySegment b, long offset) {
        int i = 0;
        int sum = 0;
        int bound = BYTE_PER_INT.loopBound(a.length);
        if (bound > 0) {
            IntVector acc = IntVector.zero(INT);
            for (; i < bound; i += BYTE_PER_INT.length()) {
                IntVector d = toInts(ByteVector.fromArray(BYTE_PER_INT, a, i)).sub(storedInts(b, offset + i));
                acc = acc.add(d.mul(d));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            int d = a[i] - b.get(ValueLayout.JAVA_BYTE, offset + i);
            sum += d * d;
        }
        return sum;
    }

    /**
     * {@link ScalarQuantizedKernels#roundToInt8}'s arithmetic lane for lane (a product, a sum, a
     * truncating {@code F2I}): the same bytes. Written out because C2 vectorized the scalar loops in
     * some processes and not in others: one {@code bench ann} process spent 9 % of its {@code sq8}
     * search time there, where others spent 2 %.
     */
    @Override
    public float roundToInt8(float[] a, byte[] out) {
        QuantizedKernels.checkLengths(a.length, out.length);
        int bound = FLOAT.loopBound(a.length);
        FloatVector largestLanes = FloatVector.zero(FLOAT);
        int i = 0;
        for (; i < bound; i += FLOAT.length()) {
            largestLanes = largestLanes.max(FloatVector.fromArray(FLOAT, a, i).abs());
        }
        float largest = largestLanes.reduceLanes(VectorOperators.MAX);
        for (; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(a[i]));
        }
        float scale = QuantizedKernels.int8Scale(largest);
        for (i = 0; i < bound; i += FLOAT.length()) {
            IntVector shifted = (IntVector) FloatVector.fromArray(FLOAT, a, i).mul(scale).add(128.5f)
                    .convert(VectorOperators.F2I, 0);
            shifted.sub(128).convertShape(VectorOperators.I2B, BYTE_PER_FLOAT, 0).reinterpretAsBytes().intoArray(out, i);
        }
        for (; i < a.length; i++) {
            out[i] = ScalarQuantizedKernels.roundedByte(a[i], scale);
        }
        return scale;
    }

    @Override
    public float floatInt8Dot(float[] a, byte[] codes) {
        QuantizedKernels.checkLengths(a.length, codes.length);
        int i = 0;
        float sum = 0;
        int bound = FLOAT.loopBound(a.length);
        if (bound > 0) {
            FloatVector acc0 = FloatVector.zero(FLOAT);
            FloatVector acc1 = FloatVector.zero(FLOAT);
            int step = FLOAT.length();
            for (; i + step < bound; i += 2 * step) {
                acc0 = FloatVector.fromArray(FLOAT, a, i).fma(toFloats(ByteVector.fromArray(BYTE_PER_FLOAT, codes, i)), acc0);
                acc1 = FloatVector.fromArray(FLOAT, a, i + step)
                        .fma(toFloats(ByteVector.fromArray(BYTE_PER_FLOAT, codes, i + step)), acc1);
            }
            for (; i < bound; i += step) {
                acc0 = FloatVector.fromArray(FLOAT, a, i).fma(toFloats(ByteVector.fromArray(BYTE_PER_FLOAT, codes, i)), acc0);
            }
            sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            sum += a[i] * codes[i];
        }
        return sum;
    }

    @Override
    public float floatInt8Dot(float[] a, MemorySegment codes, long offset) {
        int i = 0;
        float sum = 0;
        int bound = FLOAT.loopBound(a.length);
        if (bound > 0) {
            FloatVector acc0 = FloatVector.zero(FLOAT);
            FloatVector acc1 = FloatVector.zero(FLOAT);
            int step = FLOAT.length();
            for (; i + step < bound; i += 2 * step) {
                acc0 = FloatVector.fromArray(FLOAT, a, i).fma(stored(codes, offset + i), acc0);
                acc1 = FloatVector.fromArray(FLOAT, a, i + step).fma(stored(codes, offset + i + step), acc1);
            }
            for (; i < bound; i += step) {
                acc0 = FloatVector.fromArray(FLOAT, a, i).fma(stored(codes, offset + i), acc0);
            }
            sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            sum += a[i] * codes.get(ValueLayout.JAVA_BYTE, offset + i);
        }
        return sum;
    }

    @Override
    public void floatInt8Dotx4(float[] a, MemorySegment codes, long o0, long o1, long o2, long o3, float[] out) {
        int i = 0;
        int bound = FLOAT.loopBound(a.length);
        // One accumulator per code vector: four independent chains and four streams of loads.
        FloatVector acc0 = FloatVector.zero(FLOAT);
        FloatVector acc1 = FloatVector.zero(FLOAT);
        FloatVector acc2 = FloatVector.zero(FLOAT);
        FloatVector acc3 = FloatVector.zero(FLOAT);
        for (; i < bound; i += FLOAT.length()) {
            FloatVector q = FloatVector.fromArray(FLOAT, a, i);
            acc0 = q.fma(stored(codes, o0 + i), acc0);
            acc1 = q.fma(stored(codes, o1 + i), acc1);
            acc2 = q.fma(stored(codes, o2 + i), acc2);
            acc3 = q.fma(stored(codes, o3 + i), acc3);
        }
        float s0 = acc0.reduceLanes(VectorOperators.ADD);
        float s1 = acc1.reduceLanes(VectorOperators.ADD);
        float s2 = acc2.reduceLanes(VectorOperators.ADD);
        float s3 = acc3.reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) {
            s0 += a[i] * codes.get(ValueLayout.JAVA_BYTE, o0 + i);
            s1 += a[i] * codes.get(ValueLayout.JAVA_BYTE, o1 + i);
            s2 += a[i] * codes.get(ValueLayout.JAVA_BYTE, o2 + i);
            s3 += a[i] * codes.get(ValueLayout.JAVA_BYTE, o3 + i);
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    @Override
    public float floatInt8Manhattan(float[] a, float[] scales, MemorySegment codes, long offset) {
        QuantizedKernels.checkLengths(a.length, scales.length);
        int i = 0;
        float sum = 0;
        int bound = FLOAT.loopBound(a.length);
        if (bound > 0) {
            FloatVector acc = FloatVector.zero(FLOAT);
            for (; i < bound; i += FLOAT.length()) {
                FloatVector decoded = FloatVector.fromArray(FLOAT, scales, i).mul(stored(codes, offset + i));
                acc = acc.add(FloatVector.fromArray(FLOAT, a, i).sub(decoded).lanewise(VectorOperators.ABS));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            sum += Math.abs(a[i] - scales[i] * codes.get(ValueLayout.JAVA_BYTE, offset + i));
        }
        return sum;
    }

    @Override
    public int hamming(long[] a, long[] b) {
        QuantizedKernels.checkLengths(a.length, b.length);
        if (a.length < HAMMING_VECTOR_WORDS) {
            return ScalarQuantizedKernels.INSTANCE.hamming(a, b);
        }
        int i = 0;
        long sum = 0;
        int bound = LONG.loopBound(a.length);
        if (bound > 0) {
            LongVector acc = LongVector.zero(LONG);
            for (; i < bound; i += LONG.length()) {
                acc = acc.add(LongVector.fromArray(LONG, a, i).lanewise(VectorOperators.XOR, LongVector.fromArray(LONG, b, i))
                        .lanewise(VectorOperators.BIT_COUNT));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            sum += Long.bitCount(a[i] ^ b[i]);
        }
        return (int) sum;
    }

    @Override
    public int hamming(long[] a, MemorySegment b, long offset) {
        if (a.length < HAMMING_VECTOR_WORDS) {
            return ScalarQuantizedKernels.INSTANCE.hamming(a, b, offset);
        }
        int i = 0;
        long sum = 0;
        int bound = LONG.loopBound(a.length);
        if (bound > 0) {
            LongVector acc = LongVector.zero(LONG);
            for (; i < bound; i += LONG.length()) {
                LongVector stored = LongVector.fromMemorySegment(LONG, b, offset + (long) i * Long.BYTES, ByteOrder.LITTLE_ENDIAN);
                acc = acc.add(LongVector.fromArray(LONG, a, i).lanewise(VectorOperators.XOR, stored)
                        .lanewise(VectorOperators.BIT_COUNT));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            sum += Long.bitCount(a[i] ^ b.get(ScalarQuantizedKernels.STORED_LONG, offset + (long) i * Long.BYTES));
        }
        return (int) sum;
    }

    private static IntVector toInts(ByteVector bytes) {
        return (IntVector) bytes.convertShape(VectorOperators.B2I, INT, 0);
    }

    private static FloatVector toFloats(ByteVector bytes) {
        return (FloatVector) bytes.convertShape(VectorOperators.B2F, FLOAT, 0);
    }

    private static IntVector storedInts(MemorySegment codes, long offset) {
        return toInts(ByteVector.fromMemorySegment(BYTE_PER_INT, codes, offset, ByteOrder.LITTLE_ENDIAN));
    }

    private static FloatVector stored(MemorySegment codes, long offset) {
        return toFloats(ByteVector.fromMemorySegment(BYTE_PER_FLOAT, codes, offset, ByteOrder.LITTLE_ENDIAN));
    }
}
