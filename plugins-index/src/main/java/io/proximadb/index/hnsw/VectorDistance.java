package io.proximadb.index.hnsw;

import io.proximadb.index.quant.UnitVectors;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.MemorySegment;

/**
 * The metric's ranking distance between a prepared vector and a stored node, on the SIMD kernels.
 * Vectors are read in place when the values expose a segment, never copied per distance.
 *
 * <p>Cosine is computed as {@code 1 - dot(q/|q|, x) / |x|} with the stored vectors' inverse norms
 * precomputed in the index, as hnswlib does by normalising at insert: one dot product instead of
 * three accumulations. {@link #prepare} normalises the query into a scratch array once per search.
 */
final class VectorDistance {

    private final Metric metric;
    private final VectorKernels kernels;
    private final VectorValues values;
    private final MemorySegment vectors;
    private final long stride;
    private final MemorySegment norms;
    private final long normsOffset;

    /**
     * @param norms       where the inverse norms live (cosine only, else {@code null})
     * @param normsOffset the byte offset of node 0's inverse norm in {@code norms}
     */
    VectorDistance(Metric metric, VectorKernels kernels, VectorValues values, MemorySegment norms, long normsOffset) {
        this.metric = metric;
        this.kernels = kernels;
        this.values = values;
        this.vectors = values.segment();
        this.stride = (long) values.dimension() * Float.BYTES;
        this.norms = norms;
        this.normsOffset = normsOffset;
    }

    /** The same distances over {@code copy}, a copy of this one's vectors (a walk's own, {@link ResidentVectors}). */
    VectorDistance over(VectorValues copy) {
        return new VectorDistance(metric, kernels, copy, norms, normsOffset);
    }

    Metric metric() {
        return metric;
    }

    /** The vector as {@link #distance} wants it: normalised into {@code scratch} for cosine, else itself. */
    float[] prepare(float[] vector, float[] scratch) {
        if (metric != Metric.COSINE) {
            return vector;
        }
        return UnitVectors.normalise(vector, scratch);
    }

    /** The stored vector of {@code node}, prepared, in {@code scratch} unless it can be used as it is. */
    float[] prepareNode(int node, float[] scratch) {
        if (vectors == null) {
            return prepare(values.vector(node), scratch);
        }
        MemorySegment.copy(vectors, VectorKernels.STORED_FLOAT, node * stride, scratch, 0, scratch.length);
        return prepare(scratch, scratch);
    }

    float distance(float[] prepared, int node) {
        if (vectors != null) {
            long offset = node * stride;
            return switch (metric) {
                case L2 -> kernels.squaredL2(prepared, vectors, offset);
                case COSINE -> 1f - kernels.dot(prepared, vectors, offset) * inverseNorm(node);
                case DOT -> -kernels.dot(prepared, vectors, offset);
                case MANHATTAN -> kernels.manhattan(prepared, vectors, offset);
            };
        }
        float[] vector = values.vector(node);
        return switch (metric) {
            case L2 -> kernels.squaredL2(prepared, vector);
            case COSINE -> 1f - kernels.dot(prepared, vector) * inverseNorm(node);
            case DOT -> -kernels.dot(prepared, vector);
            case MANHATTAN -> kernels.manhattan(prepared, vector);
        };
    }

    /**
     * The distances to {@code nodes[from]} ... {@code nodes[from + count - 1]}, {@code count} at
     * most 4, into {@code out}. Vectors read in place go through the four-at-once kernels, which
     * overlap their cache misses; a short batch repeats its last node rather than wait alone.
     */
    void distances(float[] prepared, int[] nodes, int from, int count, float[] out) {
        if (vectors == null || metric == Metric.MANHATTAN) {
            for (int i = 0; i < count; i++) {
                out[i] = distance(prepared, nodes[from + i]);
            }
            return;
        }
        long o0 = nodes[from] * stride;
        long o1 = count > 1 ? nodes[from + 1] * stride : o0;
        long o2 = count > 2 ? nodes[from + 2] * stride : o1;
        long o3 = count > 3 ? nodes[from + 3] * stride : o2;
        if (metric == Metric.L2) {
            kernels.squaredL2x4(prepared, vectors, o0, o1, o2, o3, out);
            return;
        }
        kernels.dotx4(prepared, vectors, o0, o1, o2, o3, out);
        for (int i = 0; i < count; i++) {
            out[i] = metric == Metric.DOT ? -out[i] : 1f - out[i] * inverseNorm(nodes[from + i]);
        }
    }

    /** Fills the inverse-norm section for cosine: {@code 1/|x|}, 0 for a zero vector. */
    static void writeInverseNorms(VectorValues values, MemorySegment into, long offset) {
        MemorySegment vectors = values.segment();
        float[] scratch = new float[values.dimension()];
        long stride = (long) values.dimension() * Float.BYTES;
        for (int node = 0; node < values.size(); node++) {
            float[] vector = scratch;
            if (vectors == null) {
                vector = values.vector(node);
            } else {
                MemorySegment.copy(vectors, VectorKernels.STORED_FLOAT, node * stride, scratch, 0, scratch.length);
            }
            into.set(HnswGraph.FLOAT, offset + (long) node * Float.BYTES, UnitVectors.inverseNorm(vector));
        }
    }

    private float inverseNorm(int node) {
        return norms.get(HnswGraph.FLOAT, normsOffset + (long) node * Float.BYTES);
    }
}
