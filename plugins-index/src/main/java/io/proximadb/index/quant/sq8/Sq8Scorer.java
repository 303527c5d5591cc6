package io.proximadb.index.quant.sq8;

import io.proximadb.index.quant.QueryScorer;
import io.proximadb.index.quant.UnitVectors;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.QuantizedKernels;
import java.lang.foreign.MemorySegment;

/**
 * Asymmetric {@code sq8} distances: the float32 query against 8-bit codes, one float-by-int8
 * product per code. With {@code x̂_i = o_i + s_i · c_i} (offset, scale, signed code):
 *
 * <ul>
 *   <li>{@code l2}: {@code |q − x̂|² = Σ (q_i − o_i)² − 2 Σ w_i c_i + Σ (s_i c_i)²} with
 *       {@code w_i = (q_i − o_i) · s_i}; the first term is the query's, the last is stored with
 *       the code;</li>
 *   <li>{@code dot}: {@code −q·x̂ = −(Σ q_i o_i + Σ w_i c_i)} with {@code w_i = q_i · s_i};</li>
 *   <li>{@code cosine}: {@code 1 − q̂·x̂} the same way, on the normalised query and codes of
 *       normalised vectors;</li>
 *   <li>{@code manhattan}: {@code Σ |(q_i − o_i) − s_i c_i|}, which does not split, so it is a
 *       kernel of its own.</li>
 * </ul>
 *
 * The weights are computed once per query, so a distance is one pass over the code's bytes with
 * no per-dimension scale to load. Distances equal the float32 distance to the decoded vector up to
 * float rounding.
 *
 * <p>Where the kernels {@linkplain QuantizedKernels#prefersInt8Queries() prefer int8 queries}
 * (native VNNI products), the weights are rounded to bytes as well, with one scale
 * {@code a = 127 / max |w_i|}, and {@code Σ w_i c_i} becomes {@code Σ round(a w_i) c_i / a}: an
 * exact integer product, several times faster than the float one, off by at most
 * {@code Σ |c_i| / 2a}. The walk only ranks with these distances; the rerank on float vectors
 * decides the results, so recall does not move (measured in {@code docs/bench/ann.md}).
 */
final class Sq8Scorer implements QueryScorer {

    private final Sq8Quantizer quantizer;
    private final Metric metric;
    private final QuantizedKernels kernels;
    private final int dimension;
    private final float[] weights;
    private final float[] unit;
    /** The weights rounded to bytes, when the kernels prefer int8 queries; else {@code null}. */
    private final byte[] roundedWeights;
    private final int[] products = new int[4];
    /** {@code a}: rounded weight = round(a · weight). */
    private float roundingScale;
    /** The query's part of the distance. */
    private float constant;

    Sq8Scorer(Sq8Quantizer quantizer) {
        this.quantizer = quantizer;
        this.metric = quantizer.metric();
        this.kernels = quantizer.kernels();
        this.dimension = quantizer.dimension();
        this.weights = new float[dimension];
        this.unit = metric == Metric.COSINE ? new float[dimension] : null;
        this.roundedWeights = kernels.prefersInt8Queries() && metric != Metric.MANHATTAN ? new byte[dimension] : null;
    }

    @Override
    public void setQuery(float[] query) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has dimension " + query.length + ", the quantizer " + dimension);
        }
        float[] q = metric == Metric.COSINE ? UnitVectors.normalise(query, unit) : query;
        float[] offset = quantizer.offset;
        float[] scales = quantizer.scales();
        // One loop per metric, not a switch per dimension: these run once per query, over every
        // dimension, and with rounding they measured a tenth of an sq8 query's time.
        double sum = 0;
        switch (metric) {
            case L2 -> {
                for (int i = 0; i < dimension; i++) {
                    float centred = q[i] - offset[i];
                    weights[i] = centred * scales[i];
                    sum += (double) centred * centred;
                }
            }
            case DOT, COSINE -> {
                for (int i = 0; i < dimension; i++) {
                    weights[i] = q[i] * scales[i];
                    sum += (double) q[i] * offset[i];
                }
            }
            case MANHATTAN -> {
                for (int i = 0; i < dimension; i++) {
                    weights[i] = q[i] - offset[i];
                }
            }
        }
        constant = (float) sum;
        if (roundedWeights != null) {
            roundWeights();
        }
    }

    private void roundWeights() {
        roundingScale = kernels.roundToInt8(weights, roundedWeights);
    }

    /**
     * {@code Σ w_i c_i} of the code at {@code offset}. With rounded weights, through the product of
     * four (the one native call) on the same code: a single distance is taken about once per query
     * (the entry point), too rarely for the JIT to compile a Java int8 loop of its own, which then
     * runs the Vector API uncompiled, at a fifth of a query's time (async-profiler).
     */
    private float weightedSum(MemorySegment codes, long offset) {
        if (roundedWeights == null) {
            return kernels.floatInt8Dot(weights, codes, offset);
        }
        kernels.int8Dotx4(roundedWeights, codes, offset, offset, offset, offset, products);
        return products[0] / roundingScale;
    }

    @Override
    public float distance(MemorySegment codes, long offset) {
        return switch (metric) {
            case L2 -> constant + codes.get(Sq8Quantizer.FLOAT, offset + dimension) - 2 * weightedSum(codes, offset);
            case DOT -> -(constant + weightedSum(codes, offset));
            case COSINE -> 1f - (constant + weightedSum(codes, offset));
            case MANHATTAN -> kernels.floatInt8Manhattan(weights, quantizer.scales(), codes, offset);
        };
    }

    @Override
    public void distances(MemorySegment codes, long o0, long o1, long o2, long o3, float[] out) {
        if (metric == Metric.MANHATTAN) {
            out[0] = distance(codes, o0);
            out[1] = distance(codes, o1);
            out[2] = distance(codes, o2);
            out[3] = distance(codes, o3);
            return;
        }
        if (roundedWeights == null) {
            kernels.floatInt8Dotx4(weights, codes, o0, o1, o2, o3, out);
        } else {
            kernels.int8Dotx4(roundedWeights, codes, o0, o1, o2, o3, products);
            for (int j = 0; j < 4; j++) {
                out[j] = products[j] / roundingScale;
            }
        }
        switch (metric) {
            case L2 -> {
                out[0] = constant + codes.get(Sq8Quantizer.FLOAT, o0 + dimension) - 2 * out[0];
                out[1] = constant + codes.get(Sq8Quantizer.FLOAT, o1 + dimension) - 2 * out[1];
                out[2] = constant + codes.get(Sq8Quantizer.FLOAT, o2 + dimension) - 2 * out[2];
                out[3] = constant + codes.get(Sq8Quantizer.FLOAT, o3 + dimension) - 2 * out[3];
            }
            case DOT -> {
                for (int j = 0; j < 4; j++) {
                    out[j] = -(constant + out[j]);
                }
            }
            default -> {
                for (int j = 0; j < 4; j++) {
                    out[j] = 1f - (constant + out[j]);
                }
            }
        }
    }

    @Override
    public void prefetch(MemorySegment codes, long o0, long o1, long o2, long o3) {
        kernels.prefetchx4(codes, o0, o1, o2, o3, dimension + Float.BYTES);
    }

    @Override
    public long memoryBytes() {
        return (long) (weights.length + (unit == null ? 0 : unit.length)) * Float.BYTES
                + (roundedWeights == null ? 0 : roundedWeights.length);
    }
}
