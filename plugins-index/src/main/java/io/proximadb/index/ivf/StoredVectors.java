package io.proximadb.index.ivf;

import io.proximadb.index.quant.UnitVectors;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.MemorySegment;

/**
 * Exact distances from a query to the indexed vectors on the SIMD kernels, read in place when the
 * values expose a segment. For IVF-Flat the scan goes four vectors at a time
 * ({@link VectorKernels#squaredL2x4}, {@link VectorKernels#dotx4}): a list's ordinals are
 * scattered over the segment, and four streams of cache misses overlap. Cosine in a scan is
 * {@code 1 - dot(q̂, x) × invNorm(x)}, the inverse norms stored in the index in list order.
 */
final class StoredVectors {

    private final Metric metric;
    private final VectorKernels kernels;
    private final VectorValues values;
    private final MemorySegment vectors;
    private final long stride;
    /** Inverse norms by list position (IVF-Flat with cosine), else {@code null}. */
    private final MemorySegment norms;
    private final long normsOffset;

    StoredVectors(Metric metric, VectorKernels kernels, VectorValues values, MemorySegment norms, long normsOffset) {
        this.metric = metric;
        this.kernels = kernels;
        this.values = values;
        this.vectors = values.segment();
        this.stride = (long) values.dimension() * Float.BYTES;
        this.norms = norms;
        this.normsOffset = normsOffset;
    }

    /** The query as the scan wants it: normalised into {@code scratch} for cosine, else itself. */
    float[] prepare(float[] query, float[] scratch) {
        if (metric != Metric.COSINE) {
            return query;
        }
        return UnitVectors.normalise(query, scratch);
    }

    /** The scan distance from the prepared query to the vector of {@code ordinal} at list position {@code position}. */
    float scan(float[] prepared, int ordinal, int position) {
        if (vectors != null) {
            long offset = ordinal * stride;
            return switch (metric) {
                case L2 -> kernels.squaredL2(prepared, vectors, offset);
                case COSINE -> 1f - kernels.dot(prepared, vectors, offset) * inverseNorm(position);
                case DOT -> -kernels.dot(prepared, vectors, offset);
                case MANHATTAN -> kernels.manhattan(prepared, vectors, offset);
            };
        }
        float[] vector = values.vector(ordinal);
        return switch (metric) {
            case L2 -> kernels.squaredL2(prepared, vector);
            case COSINE -> 1f - kernels.dot(prepared, vector) * inverseNorm(position);
            case DOT -> -kernels.dot(prepared, vector);
            case MANHATTAN -> kernels.manhattan(prepared, vector);
        };
    }

    /** Whether {@link #scan4} reads four vectors in one pass (else it makes four single calls). */
    boolean batches() {
        return vectors != null && metric != Metric.MANHATTAN;
    }

    /** The scan distances of four vectors at once, into {@code out}; requires {@link #batches()}. */
    void scan4(float[] prepared, int[] ordinals, int[] positions, float[] out) {
        long o0 = ordinals[0] * stride;
        long o1 = ordinals[1] * stride;
        long o2 = ordinals[2] * stride;
        long o3 = ordinals[3] * stride;
        if (metric == Metric.L2) {
            kernels.squaredL2x4(prepared, vectors, o0, o1, o2, o3, out);
            return;
        }
        kernels.dotx4(prepared, vectors, o0, o1, o2, o3, out);
        for (int i = 0; i < 4; i++) {
            out[i] = metric == Metric.DOT ? -out[i] : 1f - out[i] * inverseNorm(positions[i]);
        }
    }

    /** The metric's exact distance from the (unprepared) query, for re-ranking PQ candidates. */
    float exact(float[] query, int ordinal) {
        return vectors != null ? metric.distance(kernels, query, vectors, ordinal * stride)
                : metric.distance(kernels, query, values.vector(ordinal));
    }

    private float inverseNorm(int position) {
        return norms.get(IvfFormat.FLOAT, normsOffset + (long) position * Float.BYTES);
    }
}
