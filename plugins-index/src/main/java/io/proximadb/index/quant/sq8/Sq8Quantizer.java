package io.proximadb.index.quant.sq8;

import io.proximadb.index.quant.Quantizer;
import io.proximadb.index.quant.QueryScorer;
import io.proximadb.index.quant.UnitVectors;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.QuantizedKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Scalar quantization to 8 bits per dimension ({@code sq8}). Training takes each dimension's
 * minimum and maximum over the vectors; dimension {@code i} is cut into 256 steps of
 * {@code scale_i = (max_i − min_i) / 255} and a value is stored as the nearest step,
 * {@code u = round((x − min_i) / scale_i)} clamped to 0–255. The stored byte is {@code u − 128}
 * (signed), so that the kernels widen it with a plain sign extension; it decodes to
 * {@code x̂ = offset_i + scale_i · c} with {@code offset_i = min_i + 128 · scale_i}. A vector seen in
 * training decodes within {@code scale_i / 2} of itself in every dimension.
 *
 * <p>Distances are asymmetric: the query stays float32 and is folded with the scales once per
 * query (see {@link Sq8Scorer}). For {@code l2} each code carries one more float32,
 * {@code Σ (scale_i · c_i)²}, the part of the distance that depends on the vector alone. Min and
 * max rather than percentiles: no value is clipped, and the rerank on float32 vectors absorbs the
 * coarser steps an outlier causes.
 */
public final class Sq8Quantizer implements Quantizer {

    public static final String NAME = "sq8";
    public static final int FORMAT_ID = 1;
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Metric metric;
    private final float[] min;
    private final float[] scale;
    /** {@code min + 128 · scale}: what a stored byte of 0 decodes to. */
    final float[] offset;
    /** {@code 1 / scale}, or 0 where the scale is 0 (a constant dimension). */
    private final float[] inverseScale;
    private final QuantizedKernels kernels;

    Sq8Quantizer(Metric metric, float[] min, float[] scale, QuantizedKernels kernels) {
        this.metric = metric;
        this.min = min;
        this.scale = scale;
        this.kernels = kernels;
        this.offset = new float[min.length];
        this.inverseScale = new float[min.length];
        for (int i = 0; i < min.length; i++) {
            offset[i] = min[i] + 128 * scale[i];
            inverseScale[i] = scale[i] == 0 ? 0 : 1 / scale[i];
        }
    }

    /** Trains on every vector of {@code values} (one pass: a minimum and a maximum per dimension). */
    public static Sq8Quantizer train(Metric metric, VectorValues values, QuantizedKernels kernels) {
        int dimension = values.dimension();
        float[] min = new float[dimension];
        float[] max = new float[dimension];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        float[] unit = new float[dimension];
        for (int node = 0; node < values.size(); node++) {
            float[] vector = values.vector(node);
            if (metric == Metric.COSINE) {
                vector = UnitVectors.normalise(vector, unit);
            }
            for (int i = 0; i < dimension; i++) {
                min[i] = Math.min(min[i], vector[i]);
                max[i] = Math.max(max[i], vector[i]);
            }
        }
        float[] scale = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            if (values.size() == 0) {
                min[i] = 0;
                max[i] = 0;
            }
            if (!Float.isFinite(min[i]) || !Float.isFinite(max[i])) {
                throw new IllegalArgumentException("sq8 cannot quantize dimension " + i + ": it holds a value that is not finite");
            }
            scale[i] = (max[i] - min[i]) / 255f;
        }
        return new Sq8Quantizer(metric, min, scale, kernels);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int formatId() {
        return FORMAT_ID;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public int dimension() {
        return min.length;
    }

    @Override
    public int bytesPerVector() {
        return bytesPerVector(metric, min.length);
    }

    /** A byte per dimension, and for {@code l2} the code's squared norm {@code Σ (scale_i · c_i)²} as a float32. */
    public static int bytesPerVector(Metric metric, int dimension) {
        return dimension + (metric == Metric.L2 ? Float.BYTES : 0);
    }

    @Override
    public void encode(float[] vector, MemorySegment into, long at) {
        if (vector.length != min.length) {
            throw new IllegalArgumentException("vector has dimension " + vector.length + ", the quantizer " + min.length);
        }
        float[] x = metric == Metric.COSINE ? UnitVectors.normalise(vector, new float[vector.length]) : vector;
        double squares = 0;
        for (int i = 0; i < x.length; i++) {
            int code = quantize(x[i], i);
            into.set(ValueLayout.JAVA_BYTE, at + i, (byte) code);
            double term = (double) scale[i] * code;
            squares += term * term;
        }
        if (metric == Metric.L2) {
            into.set(FLOAT, at + x.length, (float) squares);
        }
    }

    /** The signed code of {@code value} in dimension {@code i}: the nearest of 256 steps, minus 128. */
    int quantize(float value, int i) {
        float steps = (value - min[i]) * inverseScale[i];
        int u = Math.round(steps);
        return Math.clamp(u, 0, 255) - 128;
    }

    /** What signed code {@code code} of dimension {@code i} stands for. */
    float decode(int code, int i) {
        return offset[i] + scale[i] * code;
    }

    float scale(int i) {
        return scale[i];
    }

    float[] scales() {
        return scale;
    }

    QuantizedKernels kernels() {
        return kernels;
    }

    @Override
    public QueryScorer newScorer() {
        return new Sq8Scorer(this);
    }

    /**
     * Twice {@code k}, within the beam: on 8 bits the approximate order errs only among
     * candidates at nearly equal distances, so the true k nearest are among the first 2k of the
     * beam. Re-scoring reads whole float32 vectors at random (four times a code's bytes each), so
     * it is kept short: on fashion-mnist, 20 of a beam of 64 give the float32 index's recall.
     */
    @Override
    public int defaultRerank(int k, int ef) {
        return Math.max(k, Math.min(ef, 2 * k));
    }

    @Override
    public int parameterBytes() {
        return (int) parameterBytes(min.length);
    }

    /** {@code min} then {@code scale}, a float32 per dimension each. */
    public static long parameterBytes(int dimension) {
        return 2L * dimension * Float.BYTES;
    }

    @Override
    public void writeParameters(MemorySegment into, long at) {
        MemorySegment.copy(min, 0, into, FLOAT, at, min.length);
        MemorySegment.copy(scale, 0, into, FLOAT, at + (long) min.length * Float.BYTES, scale.length);
    }

    /** Reads what {@link #writeParameters} wrote: finite minimums and finite, non-negative scales. */
    public static Sq8Quantizer read(Metric metric, int dimension, MemorySegment from, long at, QuantizedKernels kernels)
            throws IndexFormatException {
        float[] min = new float[dimension];
        float[] scale = new float[dimension];
        MemorySegment.copy(from, FLOAT, at, min, 0, dimension);
        MemorySegment.copy(from, FLOAT, at + (long) dimension * Float.BYTES, scale, 0, dimension);
        for (int i = 0; i < dimension; i++) {
            if (!Float.isFinite(min[i]) || !Float.isFinite(scale[i]) || scale[i] < 0) {
                throw new IndexFormatException("sq8 parameters of dimension " + i + " are invalid: min " + min[i]
                        + ", scale " + scale[i]);
            }
        }
        return new Sq8Quantizer(metric, min, scale, kernels);
    }

    @Override
    public long memoryBytes() {
        return 4L * min.length * Float.BYTES;
    }
}
