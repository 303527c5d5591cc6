package io.proximadb.spi.segment;

import java.util.Objects;

/**
 * How to write a segment.
 *
 * @param dimension              every vector's length
 * @param compression            the codec of the compressed columns: {@code zstd}, {@code lz4} or
 *                               {@code none}; a format rejects a name it does not know
 * @param compressionLevel       the codec's level (zstd 1..22; ignored by codecs without levels)
 * @param bitmapIndexMaxDistinct a field gets a bitmap index per value when it has at most this
 *                               many distinct values in the segment; 0 turns bitmap indexes off
 */
public record SegmentWriteOptions(int dimension, String compression, int compressionLevel, int bitmapIndexMaxDistinct) {

    public static final String DEFAULT_COMPRESSION = "zstd";
    public static final int DEFAULT_LEVEL = 3;
    public static final int DEFAULT_BITMAP_MAX_DISTINCT = 1024;

    public SegmentWriteOptions {
        Objects.requireNonNull(compression, "compression");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        if (bitmapIndexMaxDistinct < 0) {
            throw new IllegalArgumentException("bitmapIndexMaxDistinct must not be negative, got " + bitmapIndexMaxDistinct);
        }
    }

    /** The defaults: zstd level 3, bitmap indexes for fields of at most 1024 distinct values. */
    public static SegmentWriteOptions defaults(int dimension) {
        return new SegmentWriteOptions(dimension, DEFAULT_COMPRESSION, DEFAULT_LEVEL, DEFAULT_BITMAP_MAX_DISTINCT);
    }
}
