package io.proximadb.spi.segment;

import io.proximadb.spi.Plugin;
import io.proximadb.spi.fs.FileSystem;
import java.io.IOException;
import java.util.BitSet;

/**
 * The segment-format SPI: how an immutable, flushed run of records is laid out on a
 * {@link FileSystem}. Found with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/io.proximadb.spi.segment.SegmentFormat}.
 *
 * <p>A segment is written once, as a whole object (create, write sequentially, sync, close), and
 * never appended to or edited afterwards, so that object stores fit the same contract. Deletions
 * of its records live beside it in small deletion files, each written whole under a new name.
 * Thread-safe.
 */
public interface SegmentFormat extends Plugin {

    /**
     * Starts writing a new segment at {@code path}, which must not exist. Nothing at {@code path}
     * is valid until {@link SegmentWriter#finish()} returns.
     */
    SegmentWriter newWriter(FileSystem fs, String path, SegmentWriteOptions options) throws IOException;

    /**
     * Opens a finished segment for reading.
     *
     * @throws SegmentFormatException if the file is not a segment of this format, of an unknown
     *                                version, or fails a checksum (the message names the file and
     *                                the part)
     */
    Segment open(FileSystem fs, String path) throws IOException;

    /**
     * Writes the set of deleted ordinals of a segment to a new file at {@code path} (which must
     * not exist), synced before this returns.
     */
    void writeDeletions(FileSystem fs, String path, BitSet deleted) throws IOException;

    /**
     * Reads a file written by {@link #writeDeletions}.
     *
     * @throws SegmentFormatException on a bad checksum or an unknown version
     */
    BitSet readDeletions(FileSystem fs, String path) throws IOException;
}
