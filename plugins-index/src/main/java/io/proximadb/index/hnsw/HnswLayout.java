package io.proximadb.index.hnsw;

import io.proximadb.index.common.ChecksumTrailer;

/**
 * Where each part of an hnsw index lives, in memory and in its file alike (docs/formats/hnsw.md):
 * a 64-byte header, then sections that each start at a multiple of 64, then an 8-byte trailer.
 * Everything follows from a few header fields, so the header stores no offsets.
 */
final class HnswLayout {

    static final int HEADER_BYTES = 64;
    static final int TRAILER_BYTES = ChecksumTrailer.BYTES;

    final int count;
    final int m;
    final int m0;
    /** Bytes of one level-0 list: a count and m0 slots. */
    final long level0Stride;
    final long level0Offset;
    final long levelsOffset;
    final long upperIndexOffset;
    final long upperLinksOffset;
    final long upperInts;
    /** Inverse norms of the vectors (cosine only), or -1. */
    final long normsOffset;
    /** The quantizer's trained parameters, or -1 without a quantizer. */
    final long quantizerOffset;
    /** The codes, node {@code i}'s at {@code codesOffset + i × codeStride}, or -1 without a quantizer. */
    final long codesOffset;
    /** Bytes from one node's code to the next; 0 without a quantizer. */
    final long codeStride;
    final long trailerOffset;
    final long size;

    HnswLayout(int count, int m, int m0, long upperInts, boolean norms) {
        this(count, m, m0, upperInts, norms, 0, 0);
    }

    /**
     * @param quantizerBytes the quantizer's parameter bytes, 0 without a quantizer
     * @param codeStride     bytes per node in the codes section, 0 without a quantizer
     */
    HnswLayout(int count, int m, int m0, long upperInts, boolean norms, long quantizerBytes, long codeStride) {
        this.count = count;
        this.m = m;
        this.m0 = m0;
        this.upperInts = upperInts;
        this.level0Stride = (1L + m0) * Integer.BYTES;
        this.level0Offset = HEADER_BYTES;
        this.levelsOffset = align(level0Offset + count * level0Stride);
        this.upperIndexOffset = align(levelsOffset + count);
        this.upperLinksOffset = align(upperIndexOffset + (long) count * Integer.BYTES);
        long afterUpper = align(upperLinksOffset + upperInts * Integer.BYTES);
        this.normsOffset = norms ? afterUpper : -1;
        long afterNorms = norms ? align(afterUpper + (long) count * Float.BYTES) : afterUpper;
        this.codeStride = codeStride;
        if (codeStride > 0) {
            this.quantizerOffset = afterNorms;
            this.codesOffset = align(quantizerOffset + quantizerBytes);
            this.trailerOffset = align(codesOffset + count * codeStride);
        } else {
            this.quantizerOffset = -1;
            this.codesOffset = -1;
            this.trailerOffset = afterNorms;
        }
        this.size = trailerOffset + TRAILER_BYTES;
    }

    /** The layout for nodes at the given layers: each layer above 0 takes a list of 1 + m ints. */
    static HnswLayout forLevels(byte[] levels, int m, int m0, boolean norms, long quantizerBytes, long codeStride) {
        long upperInts = 0;
        for (byte level : levels) {
            upperInts += level * (1L + m);
        }
        return new HnswLayout(levels.length, m, m0, upperInts, norms, quantizerBytes, codeStride);
    }

    /** Ints of one upper-layer list: a count and m slots. */
    int upperStrideInts() {
        return 1 + m;
    }

    private static long align(long offset) {
        return (offset + 63) & ~63L;
    }
}
