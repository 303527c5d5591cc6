package io.proximadb.index.quant.binary;

import io.proximadb.index.quant.QueryScorer;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.QuantizedKernels;
import java.lang.foreign.MemorySegment;

/**
 * Distances over binary codes ({@link BinaryQuantizer}): the query is encoded once with its own
 * scale {@code α_q}, then each distance is a Hamming distance (an XOR and a popcount per 64
 * dimensions) turned into an estimate of the metric with the code's two corrections:
 *
 * <ul>
 *   <li>{@code l2}, {@code manhattan}: {@code |q'|² + |x'|² − 2 α_q α_x (d − 2H)};</li>
 *   <li>{@code dot}: {@code −(α_q α_x (d − 2H) + μ·x' + q'·μ + |μ|²)}, which is {@code −q·x}
 *       with {@code q'·x'} estimated;</li>
 *   <li>{@code cosine}: {@code 1 − } the same dot product, on normalised vectors.</li>
 * </ul>
 */
final class BinaryScorer implements QueryScorer {

    private final BinaryQuantizer quantizer;
    private final QuantizedKernels kernels;
    private final Metric metric;
    private final int dimension;
    private final long[] code;
    private final long correctionsOffset;
    private final float[] unit;
    private final float[] corrections = new float[2];
    private final double meanSquares;
    /** {@code 2 α_q} for l2, {@code α_q} otherwise: what multiplies {@code α_x (d − 2H)}. */
    private float factor;
    /** The query's part of the distance. */
    private float constant;

    BinaryScorer(BinaryQuantizer quantizer) {
        this.quantizer = quantizer;
        this.kernels = quantizer.kernels();
        this.metric = quantizer.metric();
        this.dimension = quantizer.dimension();
        this.code = new long[quantizer.words()];
        this.correctionsOffset = (long) code.length * Long.BYTES;
        this.unit = new float[dimension];
        this.meanSquares = quantizer.meanSquares();
    }

    @Override
    public void setQuery(float[] query) {
        quantizer.encode(query, code, unit, corrections);
        float alpha = corrections[0];
        if (quantizer.usesNorm()) {
            factor = 2 * alpha;
            constant = corrections[1];
        } else {
            factor = alpha;
            constant = (float) (corrections[1] + meanSquares);
        }
    }

    @Override
    public float distance(MemorySegment codes, long offset) {
        return estimate(kernels.hamming(code, codes, offset), codes, offset);
    }

    private float estimate(int hamming, MemorySegment codes, long offset) {
        float alpha = codes.get(BinaryQuantizer.STORED_FLOAT, offset + correctionsOffset);
        float correction = codes.get(BinaryQuantizer.STORED_FLOAT, offset + correctionsOffset + Float.BYTES);
        float product = factor * alpha * (dimension - 2 * hamming);
        return switch (metric) {
            case L2, MANHATTAN -> constant + correction - product;
            case DOT -> -(product + correction + constant);
            case COSINE -> 1f - (product + correction + constant);
        };
    }

    @Override
    public void distances(MemorySegment codes, long o0, long o1, long o2, long o3, float[] out) {
        // Codes are a cache line or two: the reads of four plain calls overlap well enough.
        out[0] = distance(codes, o0);
        out[1] = distance(codes, o1);
        out[2] = distance(codes, o2);
        out[3] = distance(codes, o3);
    }

    @Override
    public long memoryBytes() {
        return (long) code.length * Long.BYTES + (long) unit.length * Float.BYTES;
    }
}
