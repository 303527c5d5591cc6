package io.proximadb.index.ivf;

/**
 * Where each part of an ivf index lives, in memory and in its file alike (docs/formats/ivf.md):
 * a 64-byte header, sections that each start at a multiple of 64, an 8-byte trailer. Everything
 * follows from the header's numbers, so the header stores no offsets.
 */
final class IvfLayout {

    static final int HEADER_BYTES = 64;
    static final int TRAILER_BYTES = 8;
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
    /** {@code dimension × 256} f32 (PQ only), or -1. */
    final long codebooksOffset;
    /** {@code pqM} bytes per entry, in list order (PQ only), or -1. */
    final long codesOffset;
    final long trailerOffset;
    final long size;

    IvfLayout(int count, int dimension, int nlist, int pqM, boolean entryFloats) {
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
        this.codebooksOffset = pqM > 0 ? next : -1;
        this.codesOffset = pqM > 0 ? align(codebooksOffset + (long) dimension * CODEWORDS * Float.BYTES) : -1;
        this.trailerOffset = pqM > 0 ? align(codesOffset + (long) count * pqM) : next;
        this.size = trailerOffset + TRAILER_BYTES;
    }

    /** Whether an index of this kind stores one float per entry (see {@link #floatsOffset}). */
    static boolean hasEntryFloats(io.proximadb.spi.record.Metric metric, boolean pq) {
        return pq ? metric == io.proximadb.spi.record.Metric.L2 || metric == io.proximadb.spi.record.Metric.COSINE
                : metric == io.proximadb.spi.record.Metric.COSINE;
    }

    static long align(long offset) {
        return (offset + 63) & ~63L;
    }
}
