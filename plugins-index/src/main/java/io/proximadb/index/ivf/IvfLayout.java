package io.proximadb.index.ivf;

import io.proximadb.index.common.ChecksumTrailer;

/**
 * Where each part of an ivf index lives, in memory and in its file alike (docs/formats/ivf.md):
 * a 64-byte header, sections that each start at a multiple of 64, an 8-byte trailer. Everything
 * follows from the header's numbers, so the header stores no offsets.
 */
final class IvfLayout {

    static final int HEADER_BYTES = 64;
    static final int TRAILER_BYTES = ChecksumTrailer.BYTES;
    static final int CODEWORDS = io.proximadb.index.quant.pq.ProductQuantizer.CODEWORDS;

    final int count;
    final int dimension;
    final int nlist;
    /** PQ sub-spaces (bytes per code), 0 for IVF-Flat. */
    final int pqM;
    final long centroidsOffset;
    /** {@code nlist + 1} u32: list l holds entries {@code offsets[l] .. offsets[l+1]-1}. */
    final long listsOffset;
    /** One u32 ordinal per entry, in list order. */
    final long ordinalsOffset;
    /**
     * One f32 per entry, in list order, or -1: the inverse norm of the vector (IVF-Flat with
     * cosine) or the residual term of its code (IVF-PQ with l2 or cosine, see {@link IvfIndex}).
     */
    final long floatsOffset;
    /**
     * The quantizer's parameters, or -1 without one: for PQ the {@code dimension × 256} f32
     * codebooks, for {@code sq8} and {@code binary} what their {@code writeParameters} writes.
     */
    final long parametersOffset;
    /** {@link #codeStride} bytes per entry, in list order, or -1 without a quantizer. */
    final long codesOffset;
    /** Bytes of one entry's code: {@code pqM} for PQ, the quantizer's code size otherwise; 0 for IVF-Flat. */
    final int codeStride;
    final long trailerOffset;
    final long size;

    /** The layout of IVF-Flat ({@code pqM} 0) or IVF-PQ. */
    IvfLayout(int count, int dimension, int nlist, int pqM, boolean entryFloats) {
        this(count, dimension, nlist, pqM, entryFloats, pqM > 0 ? (long) dimension * CODEWORDS * Float.BYTES : 0, pqM);
    }

    /**
     * The layout with a quantizer of {@code parameterBytes} parameters and codes of
     * {@code codeStride} bytes (both 0 for IVF-Flat); {@code pqM} is 0 unless it is IVF-PQ.
     */
    IvfLayout(int count, int dimension, int nlist, int pqM, boolean entryFloats, long parameterBytes, int codeStride) {
        this.count = count;
        this.dimension = dimension;
        this.nlist = nlist;
        this.pqM = pqM;
        this.centroidsOffset = HEADER_BYTES;
        this.listsOffset = align(centroidsOffset + (long) nlist * dimension * Float.BYTES);
        this.ordinalsOffset = align(listsOffset + (nlist + 1L) * Integer.BYTES);
        long next = align(ordinalsOffset + (long) count * Integer.BYTES);
        this.floatsOffset = entryFloats ? next : -1;
        next = entryFloats ? align(next + (long) count * Float.BYTES) : next;
        this.codeStride = codeStride;
        this.parametersOffset = codeStride > 0 ? next : -1;
        this.codesOffset = codeStride > 0 ? align(parametersOffset + parameterBytes) : -1;
        this.trailerOffset = codeStride > 0 ? align(codesOffset + (long) count * codeStride) : next;
        this.size = trailerOffset + TRAILER_BYTES;
    }

    /**
     * Whether an index of this kind stores one float per entry (see {@link #floatsOffset}): never
     * with {@code sq8} or {@code binary} codes, whose scorers normalise for cosine themselves.
     */
    static boolean hasEntryFloats(io.proximadb.spi.record.Metric metric, IvfParams.Quantizer quantizer) {
        if (quantizer.generic()) {
            return false;
        }
        return hasEntryFloats(metric, quantizer == IvfParams.Quantizer.PQ);
    }

    /** Whether IVF-Flat ({@code pq} false) or IVF-PQ stores one float per entry. */
    static boolean hasEntryFloats(io.proximadb.spi.record.Metric metric, boolean pq) {
        return pq ? metric == io.proximadb.spi.record.Metric.L2 || metric == io.proximadb.spi.record.Metric.COSINE
                : metric == io.proximadb.spi.record.Metric.COSINE;
    }

    static long align(long offset) {
        return (offset + 63) & ~63L;
    }
}
