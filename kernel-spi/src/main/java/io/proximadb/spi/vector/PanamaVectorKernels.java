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

    @Override
    public String name() {
        return "panama-" + SPECIES.vectorBitSize();
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
            FloatVector acc = FloatVector.zero(SPECIES);
            for (; i < bound; i += SPECIES.length()) {
                acc = FloatVector.fromArray(SPECIES, a, i).fma(stored(b, offset, i), acc);
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
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
            FloatVector acc = FloatVector.zero(SPECIES);
            for (; i < bound; i += SPECIES.length()) {
                FloatVector d = FloatVector.fromArray(SPECIES, a, i).sub(stored(b, offset, i));
                acc = d.fma(d, acc);
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
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

    private static FloatVector stored(MemorySegment segment, long offset, int index) {
        return FloatVector.fromMemorySegment(SPECIES, segment, offset + (long) index * Float.BYTES, ByteOrder.LITTLE_ENDIAN);
    }
}
