package io.proximadb.index.quant.pq;

import io.proximadb.index.quant.QueryScorer;
import io.proximadb.index.quant.UnitVectors;
import java.lang.foreign.MemorySegment;

/**
 * Asymmetric {@code pq} distances: {@link #setQuery} fills the query's {@code m × 256} distance
 * table once, and each distance is then the sum of {@code m} lookups, one per code byte
 * ({@link ProductQuantizer#distance(float[], MemorySegment, long)}). For cosine the query is
 * normalised, the table is l2's and the sum is halved (see {@link PqQuantizer}).
 */
final class PqScorer implements QueryScorer {

    private final ProductQuantizer quantizer;
    private final float[] table;
    /** The normalised query for cosine, else {@code null}. */
    private final float[] unit;
    /** 1/2 for cosine (half the squared distance of unit vectors is 1 − cos), else 1. */
    private final float scale;

    PqScorer(ProductQuantizer quantizer, boolean cosine) {
        this.quantizer = quantizer;
        this.table = new float[quantizer.tableLength()];
        this.unit = cosine ? new float[quantizer.dimension()] : null;
        this.scale = cosine ? 0.5f : 1f;
    }

    @Override
    public void setQuery(float[] query) {
        if (query.length != quantizer.dimension()) {
            throw new IllegalArgumentException("query has dimension " + query.length + ", the quantizer " + quantizer.dimension());
        }
        quantizer.distanceTable(unit == null ? query : UnitVectors.normalise(query, unit), table);
        if (scale != 1f) {
            // Folded into the table once rather than into every sum.
            for (int i = 0; i < table.length; i++) {
                table[i] *= scale;
            }
        }
    }

    @Override
    public float distance(MemorySegment codes, long offset) {
        return quantizer.distance(table, codes, offset);
    }

    @Override
    public void distances(MemorySegment codes, long o0, long o1, long o2, long o3, float[] out) {
        // Each sum is latency-bound on its own lookups; four plain calls let them overlap.
        out[0] = quantizer.distance(table, codes, o0);
        out[1] = quantizer.distance(table, codes, o1);
        out[2] = quantizer.distance(table, codes, o2);
        out[3] = quantizer.distance(table, codes, o3);
    }

    @Override
    public long memoryBytes() {
        return (long) (table.length + (unit == null ? 0 : unit.length)) * Float.BYTES;
    }
}
