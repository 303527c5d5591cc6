package io.proximadb.storage.segment.viper;

import io.proximadb.spi.PluginUnavailableException;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.segment.Segment;
import io.proximadb.spi.segment.SegmentFormat;
import io.proximadb.spi.segment.SegmentWriteOptions;
import io.proximadb.spi.segment.SegmentWriter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The {@code viper} segment format: a float32 vector column memory-mapped in place, compressed
 * typed metadata columns, bitmap indexes and sorted numeric layouts, all checksummed and
 * versioned. The byte layout is specified in {@code docs/formats/viper.md}.
 *
 * <p>The constructor does nothing; the zstd and lz4 libraries load on first use, and
 * {@link #checkAvailable()} tries both. Stateless and thread-safe.
 */
public final class ViperFormat implements SegmentFormat {

    private static final int MIN_ZSTD_LEVEL = 1;
    private static final int MAX_ZSTD_LEVEL = 22;

    @Override
    public String name() {
        return "viper";
    }

    @Override
    public String description() {
        return "VIPER columnar segments: memory-mapped float32 vectors, zstd/lz4 typed metadata columns, bitmap indexes";
    }

    /** Round-trips a block through zstd and lz4, which loads their native libraries (lz4 may fall back to Java). */
    @Override
    public void checkAvailable() throws PluginUnavailableException {
        for (Codec codec : new Codec[] {Codec.ZSTD, Codec.LZ4}) {
            try {
                byte[] block = new byte[4096];
                Arrays.fill(block, 0, 2048, (byte) 'v');
                byte[] compressed = new byte[codec.maxCompressedLength(block.length)];
                int length = codec.compress(block, block.length, compressed, 3);
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment source = arena.allocate(length);
                    source.copyFrom(MemorySegment.ofArray(compressed).asSlice(0, length));
                    MemorySegment target = arena.allocate(block.length);
                    codec.decompress(source, target);
                    if (target.mismatch(MemorySegment.ofArray(block)) != -1) {
                        throw new IllegalStateException("round trip changed the bytes");
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                throw new PluginUnavailableException("the viper segment format cannot use " + codec
                        + " compression on this machine: " + e + "; its native library did not load or does not work", e);
            }
        }
    }

    /**
     * @throws IllegalArgumentException for an unknown compression or a zstd level outside 1..22
     */
    @Override
    public SegmentWriter newWriter(FileSystem fs, String path, SegmentWriteOptions options) throws IOException {
        Codec codec = Codec.fromName(options.compression());
        if (codec == Codec.ZSTD && (options.compressionLevel() < MIN_ZSTD_LEVEL || options.compressionLevel() > MAX_ZSTD_LEVEL)) {
            throw new IllegalArgumentException("zstd compression level must be between " + MIN_ZSTD_LEVEL + " and "
                    + MAX_ZSTD_LEVEL + ", got " + options.compressionLevel());
        }
        return new ViperWriter(fs, path, options, codec);
    }

    @Override
    public Segment open(FileSystem fs, String path) throws IOException {
        return SegmentReader.open(fs, path);
    }

    @Override
    public void writeDeletions(FileSystem fs, String path, BitSet deleted) throws IOException {
        DeletionFiles.write(fs, path, deleted);
    }

    @Override
    public BitSet readDeletions(FileSystem fs, String path) throws IOException {
        return DeletionFiles.read(fs, path);
    }
}
