package io.proximadb.spi.vector;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Panama Vector API at the platform's preferred width (AVX2: 8 lanes, AVX-512: 16).
 * Fused multiply-add where it pays, a masked-free scalar tail for lengths that are not a multiple
 * of the width. Only loaded by {@link VectorKernelsProvider} when {@code jdk.incubator.vector} is
 * in the boot layer.
 */
final class PanamaVectorKernels implements VectorKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private final QuantizedKernels quantized = quantizedOrScalar();

    @Override
    public String name() {
        return "panama-" + SPECIES.vectorBitSize();
    }

    /**
     * The quantized kernels widen bytes to float lanes one for one, so they need a byte vector a
     * quarter as wide as a float vector: 64 bits at the least, hence floats of 256 bits or more.
     * Native int8 products join them when the class path has some ({@link NativeInt8Dots}).
     */
    private static QuantizedKernels quantizedOrScalar() {
        return AcceleratedQuantizedKernels.wrap(
                SPECIES.vectorBitSize() >= 256 ? new PanamaQuantizedKernels() : ScalarQuantizedKernels.INSTANCE);
    }

    @Override
    public QuantizedKernels quantized() {
        return quantized;
    }

    @Override
    public float dot(float[] a, float[] b) {
        VectorKernels.checkLengths(a, b);
        int i = 0;
        float sum = 0;
        int bound = SPECIES.loopBound(a.length);
        if (bound > 0) {
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            int step = SPECIES.length();
            for (; i + step < bound; i += 2 * step) {
                acc0 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), acc0);
                acc1 = FloatVector.fromArray(SPECIES, a, i + step)
                        .fma(FloatVector.fromArray(SPECIES, b, i + step), acc1);
            }
            for (; i < bound; i += step) {
                acc0 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), acc0);
            }
            sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Override
    public float squaredL2(float[] a, float[] b) {
        VectorKernels.checkLengths(a, b);
        int i = 0;
        float sum = 0;
        int bound = SPECIES.loopBound(a.length);
        if (bound > 0) {
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            int step = SPECIES.length();
            for (; i + step < bound; i += 2 * step) {
                FloatVector d0 = FloatVector.fromArray(SPECIES, a, i).sub(FloatVector.fromArray(SPECIES, b, i));
                FloatVector d1 = FloatVector.fromArray(SPECIES, a, i + step)
                        .sub(FloatVector.fromArray(SPECIES, b, i + step));
                acc0 = d0.fma(d0, acc0);
                acc1 = d1.fma(d1, acc1);
            }
            for (; i < bound; i += step) {
                FloatVector d = FloatVector.fromArray(SPECIES, a, i).sub(FloatVector.fromArray(SPECIES, b, i));
                acc0 = d.fma(d, acc0);
            }
            sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            float d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public float cosine(float[] a, float[] b) {
        VectorKernels.checkLengths(a, b);
        int i = 0;
        float dot = 0, normA = 0, normB = 0;
        int bound = SPECIES.loopBound(a.length);
        if (bound > 0) {
            FloatVector accDot = FloatVector.zero(SPECIES);
            FloatVector accA = FloatVector.zero(SPECIES);
            FloatVector accB = FloatVector.zero(SPECIES);
            for (; i < bound; i += SPECIES.length()) {
                FloatVector va = FloatVector.fromArray(SPECIES, a, i);
                FloatVector vb = FloatVector.fromArray(SPECIES, b, i);
                accDot = va.fma(vb, accDot);
                accA = va.fma(va, accA);
                accB = vb.fma(vb, accB);
            }
            dot = accDot.reduceLanes(VectorOperators.ADD);
            normA = accA.reduceLanes(VectorOperators.ADD);
            normB = accB.reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return ScalarVectorKernels.cosineFrom(dot, normA, normB);
    }

    @Override
    public float manhattan(float[] a, float[] b) {
        VectorKernels.checkLengths(a, b);
        int i = 0;
        float sum = 0;
        int bound = SPECIES.loopBound(a.length);
        if (bound > 0) {
            FloatVector acc = FloatVector.zero(SPECIES);
            for (; i < bound; i += SPECIES.length()) {
                acc = acc.add(FloatVector.fromArray(SPECIES, a, i)
                        .sub(FloatVector.fromArray(SPECIES, b, i)).lanewise(VectorOperators.ABS));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum;
    }

    @Override
    public float dot(float[] a, MemorySegment b, long offset) {
        int i = 0;
        float sum = 0;
        int bound = SPECIES.loopBound(a.length);
        if (bound > 0) {
            // Four independent accumulators: one chain of fused multiply-adds would wait on its own
            // latency (4 cycles) at every step; four keep both FMA units busy.
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            FloatVector acc2 = FloatVector.zero(SPECIES);
            FloatVector acc3 = FloatVector.zero(SPECIES);
            int step = SPECIES.length();
            for (; i + 3 * step < bound; i += 4 * step) {
                acc0 = FloatVector.fromArray(SPECIES, a, i).fma(stored(b, offset, i), acc0);
                acc1 = FloatVector.fromArray(SPECIES, a, i + step).fma(stored(b, offset, i + step), acc1);
                acc2 = FloatVector.fromArray(SPECIES, a, i + 2 * step).fma(stored(b, offset, i + 2 * step), acc2);
                acc3 = FloatVector.fromArray(SPECIES, a, i + 3 * step).fma(stored(b, offset, i + 3 * step), acc3);
            }
            for (; i < bound; i += step) {
                acc0 = FloatVector.fromArray(SPECIES, a, i).fma(stored(b, offset, i), acc0);
            }
            sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            sum += a[i] * b.get(STORED_FLOAT, offset + (long) i * Float.BYTES);
        }
        return sum;
    }

    @Override
    public float squaredL2(float[] a, MemorySegment b, long offset) {
        int i = 0;
        float sum = 0;
        int bound = SPECIES.loopBound(a.length);
        if (bound > 0) {
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            FloatVector acc2 = FloatVector.zero(SPECIES);
            FloatVector acc3 = FloatVector.zero(SPECIES);
            int step = SPECIES.length();
            for (; i + 3 * step < bound; i += 4 * step) {
                FloatVector d0 = FloatVector.fromArray(SPECIES, a, i).sub(stored(b, offset, i));
                FloatVector d1 = FloatVector.fromArray(SPECIES, a, i + step).sub(stored(b, offset, i + step));
                FloatVector d2 = FloatVector.fromArray(SPECIES, a, i + 2 * step).sub(stored(b, offset, i + 2 * step));
                FloatVector d3 = FloatVector.fromArray(SPECIES, a, i + 3 * step).sub(stored(b, offset, i + 3 * step));
                acc0 = d0.fma(d0, acc0);
                acc1 = d1.fma(d1, acc1);
                acc2 = d2.fma(d2, acc2);
                acc3 = d3.fma(d3, acc3);
            }
            for (; i < bound; i += step) {
                FloatVector d = FloatVector.fromArray(SPECIES, a, i).sub(stored(b, offset, i));
                acc0 = d.fma(d, acc0);
            }
            sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            float d = a[i] - b.get(STORED_FLOAT, offset + (long) i * Float.BYTES);
            sum += d * d;
        }
        return sum;
    }

    @Override
    public float cosine(float[] a, MemorySegment b, long offset) {
        int i = 0;
        float dot = 0;
        float normA = 0;
        float normB = 0;
        int bound = SPECIES.loopBound(a.length);
        if (bound > 0) {
            FloatVector accDot = FloatVector.zero(SPECIES);
            FloatVector accA = FloatVector.zero(SPECIES);
            FloatVector accB = FloatVector.zero(SPECIES);
            for (; i < bound; i += SPECIES.length()) {
                FloatVector va = FloatVector.fromArray(SPECIES, a, i);
                FloatVector vb = stored(b, offset, i);
                accDot = va.fma(vb, accDot);
                accA = va.fma(va, accA);
                accB = vb.fma(vb, accB);
            }
            dot = accDot.reduceLanes(VectorOperators.ADD);
            normA = accA.reduceLanes(VectorOperators.ADD);
            normB = accB.reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            float bi = b.get(STORED_FLOAT, offset + (long) i * Float.BYTES);
            dot += a[i] * bi;
            normA += a[i] * a[i];
            normB += bi * bi;
        }
        return ScalarVectorKernels.cosineFrom(dot, normA, normB);
    }

    @Override
    public float manhattan(float[] a, MemorySegment b, long offset) {
        int i = 0;
        float sum = 0;
        int bound = SPECIES.loopBound(a.length);
        if (bound > 0) {
            FloatVector acc = FloatVector.zero(SPECIES);
            for (; i < bound; i += SPECIES.length()) {
                acc = acc.add(FloatVector.fromArray(SPECIES, a, i).sub(stored(b, offset, i)).lanewise(VectorOperators.ABS));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < a.length; i++) {
            sum += Math.abs(a[i] - b.get(STORED_FLOAT, offset + (long) i * Float.BYTES));
        }
        return sum;
    }

    @Override
    public void squaredL2x4(float[] a, MemorySegment b, long o0, long o1, long o2, long o3, float[] out) {
        int i = 0;
        int bound = SPECIES.loopBound(a.length);
        // One accumulator per vector: four independent chains, and four streams of loads in flight.
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        FloatVector acc2 = FloatVector.zero(SPECIES);
        FloatVector acc3 = FloatVector.zero(SPECIES);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector q = FloatVector.fromArray(SPECIES, a, i);
            FloatVector d0 = q.sub(stored(b, o0, i));
            FloatVector d1 = q.sub(stored(b, o1, i));
            FloatVector d2 = q.sub(stored(b, o2, i));
            FloatVector d3 = q.sub(stored(b, o3, i));
            acc0 = d0.fma(d0, acc0);
            acc1 = d1.fma(d1, acc1);
            acc2 = d2.fma(d2, acc2);
            acc3 = d3.fma(d3, acc3);
        }
        reduceInto(out, acc0, acc1, acc2, acc3);
        for (; i < a.length; i++) {
            long at = (long) i * Float.BYTES;
            float d0 = a[i] - b.get(STORED_FLOAT, o0 + at);
            float d1 = a[i] - b.get(STORED_FLOAT, o1 + at);
            float d2 = a[i] - b.get(STORED_FLOAT, o2 + at);
            float d3 = a[i] - b.get(STORED_FLOAT, o3 + at);
            out[0] += d0 * d0;
            out[1] += d1 * d1;
            out[2] += d2 * d2;
            out[3] += d3 * d3;
        }
    }

    @Override
    public void dotx4(float[] a, MemorySegment b, long o0, long o1, long o2, long o3, float[] out) {
        int i = 0;
        int bound = SPECIES.loopBound(a.length);
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        FloatVector acc2 = FloatVector.zero(SPECIES);
        FloatVector acc3 = FloatVector.zero(SPECIES);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector q = FloatVector.fromArray(SPECIES, a, i);
            acc0 = q.fma(stored(b, o0, i), acc0);
            acc1 = q.fma(stored(b, o1, i), acc1);
            acc2 = q.fma(stored(b, o2, i), acc2);
            acc3 = q.fma(stored(b, o3, i), acc3);
        }
        reduceInto(out, acc0, acc1, acc2, acc3);
        for (; i < a.length; i++) {
            long at = (long) i * Float.BYTES;
            out[0] += a[i] * b.get(STORED_FLOAT, o0 + at);
            out[1] += a[i] * b.get(STORED_FLOAT, o1 + at);
            out[2] += a[i] * b.get(STORED_FLOAT, o2 + at);
            out[3] += a[i] * b.get(STORED_FLOAT, o3 + at);
        }
    }

    private static void reduceInto(float[] out, FloatVector acc0, FloatVector acc1, FloatVector acc2, FloatVector acc3) {
        out[0] = acc0.reduceLanes(VectorOperators.ADD);
        out[1] = acc1.reduceLanes(VectorOperators.ADD);
        out[2] = acc2.reduceLanes(VectorOperators.ADD);
        out[3] = acc3.reduceLanes(VectorOperators.ADD);
    }

    private static FloatVector stored(MemorySegment segment, long offset, int index) {
        return FloatVector.fromMemorySegment(SPECIES, segment, offset + (long) index * Float.BYTES, ByteOrder.LITTLE_ENDIAN);
    }
}
