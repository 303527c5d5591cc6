package io.proximadb.index.ivf;

import io.proximadb.index.cluster.PointSet;
import io.proximadb.index.quant.UnitVectors;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.MemorySegment;

/**
 * Some (or all) of a segment's vectors as points for k-means, normalised for cosine. Read from the
 * segment in place when the values expose one; the k-means++ distances are computed there
 * without a copy.
 */
final class SampledVectors implements PointSet {

    private final VectorValues values;
    /** The ordinals of the points, or {@code null} for all vectors in ordinal order. */
    private final int[] ordinals;
    private final boolean normalize;
    private final VectorKernels kernels;
    private final MemorySegment vectors;
    private final long stride;

    SampledVectors(VectorValues values, int[] ordinals, boolean normalize, VectorKernels kernels) {
        this.values = values;
        this.ordinals = ordinals;
        this.normalize = normalize;
        this.kernels = kernels;
        this.vectors = values.segment();
        this.stride = (long) values.dimension() * Float.BYTES;
    }

    int ordinal(int index) {
        return ordinals == null ? index : ordinals[index];
    }

    @Override
    public int size() {
        return ordinals == null ? values.size() : ordinals.length;
    }

    @Override
    public int dimension() {
        return values.dimension();
    }

    @Override
    public void read(int index, float[] into) {
        int ordinal = ordinal(index);
        if (vectors != null) {
            MemorySegment.copy(vectors, VectorKernels.STORED_FLOAT, ordinal * stride, into, 0, into.length);
        } else {
            System.arraycopy(values.vector(ordinal), 0, into, 0, into.length);
        }
        if (normalize) {
            UnitVectors.normalise(into, into);
        }
    }

    @Override
    public float squaredDistance(float[] centre, int index, float[] scratch) {
        if (vectors == null) {
            read(index, scratch);
            return kernels.squaredL2(centre, scratch);
        }
        long offset = ordinal(index) * stride;
        // For cosine the centre is a unit vector: |x̂ - c|² = 2 (1 - cos(x, c)).
        return normalize ? 2f * (1f - kernels.cosine(centre, vectors, offset)) : kernels.squaredL2(centre, vectors, offset);
    }
}
