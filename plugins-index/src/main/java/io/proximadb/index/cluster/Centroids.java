package io.proximadb.index.cluster;

import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.MemorySegment;

/**
 * Centroids stored in a memory segment (little-endian float32, one after another, as in an index
 * file), compared with a point on the SIMD kernels four centroids at a time: the point is loaded
 * once per four centroids and four independent sums are in flight, which is what makes scanning
 * a thousand centroids of a high-dimensional point cheap. The same class serves k-means while it
 * trains and an IVF index probing its lists, built or memory-mapped.
 *
 * <p>Distances follow {@link Metric}'s ranking distance, with one precondition for
 * {@link Metric#COSINE}: point and centroids are unit vectors, so that the distance is
 * {@code 1 - dot} (spherical k-means keeps its centroids unit). Thread-safe.
 */
public final class Centroids implements NearestCentroid {

    private final MemorySegment data;
    private final long offset;
    private final int count;
    private final int dimension;
    private final long stride;
    private final Metric metric;
    private final VectorKernels kernels;

    public Centroids(MemorySegment data, long offset, int count, int dimension, Metric metric, VectorKernels kernels) {
        this.data = data;
        this.offset = offset;
        this.count = count;
        this.dimension = dimension;
        this.stride = (long) dimension * Float.BYTES;
        this.metric = metric;
        this.kernels = kernels;
    }

    @Override
    public int count() {
        return count;
    }

    public int dimension() {
        return dimension;
    }

    /** Byte offset of centroid {@code c} in {@link #data()}. */
    public long offsetOf(int c) {
        return offset + c * stride;
    }

    public MemorySegment data() {
        return data;
    }

    /** Copies centroid {@code c} into {@code into}. */
    public void read(int c, float[] into) {
        MemorySegment.copy(data, VectorKernels.STORED_FLOAT, offsetOf(c), into, 0, dimension);
    }

    @Override
    public void distances(float[] point, float[] out, int from, int to) {
        distances(point, out, from, to, new float[4]);
    }

    /** {@link #distances(float[], float[])} with the caller's four-float scratch, allocating nothing. */
    public void distances(float[] point, float[] out, float[] four) {
        distances(point, out, 0, count, four);
    }

    /** Distances to centroids {@code from … to-1} into {@code out[from … to-1]}, allocating nothing. */
    public void distances(float[] point, float[] out, int from, int to, float[] four) {
        if (metric == Metric.MANHATTAN) {
            for (int c = from; c < to; c++) {
                out[c] = kernels.manhattan(point, data, offsetOf(c));
            }
            return;
        }
        int c = from;
        for (; c + 4 <= to; c += 4) {
            long o = offsetOf(c);
            if (metric == Metric.L2) {
                kernels.squaredL2x4(point, data, o, o + stride, o + 2 * stride, o + 3 * stride, four);
            } else {
                kernels.dotx4(point, data, o, o + stride, o + 2 * stride, o + 3 * stride, four);
            }
            out[c] = finish(four[0]);
            out[c + 1] = finish(four[1]);
            out[c + 2] = finish(four[2]);
            out[c + 3] = finish(four[3]);
        }
        for (; c < to; c++) {
            long o = offsetOf(c);
            out[c] = finish(metric == Metric.L2 ? kernels.squaredL2(point, data, o) : kernels.dot(point, data, o));
        }
    }

    /** The kernel's raw value (squared L2 or dot) as the metric's ranking distance. */
    private float finish(float raw) {
        return switch (metric) {
            case L2, MANHATTAN -> raw;
            case COSINE -> 1f - raw;
            case DOT -> -raw;
        };
    }
}
