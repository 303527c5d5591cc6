package io.proximadb.spi.segment;

import io.proximadb.spi.record.VectorRecord;
import java.io.IOException;

/**
 * Writes one segment. Records arrive in strictly increasing id order
 * ({@link io.proximadb.spi.record.Ids#ORDER}); the {@code n}-th record added gets ordinal
 * {@code n}. Vectors may stream straight to the file; the writer may buffer the other columns.
 * Used by one thread.
 */
public interface SegmentWriter extends AutoCloseable {

    /**
     * Adds the next record.
     *
     * @throws IllegalArgumentException if the id is not greater than the previous one, or the
     *                                  vector's length is not the segment's dimension
     */
    void add(VectorRecord record) throws IOException;

    /** The records added so far. */
    int count();

    /**
     * Writes the remaining columns and the footer, syncs the file and closes it. The segment is
     * readable by {@link SegmentFormat#open} once this returns; the caller makes its name durable
     * (a directory sync) when it publishes the segment.
     *
     * @return the file's size in bytes
     */
    long finish() throws IOException;

    /** Abandons an unfinished segment and deletes what was written; does nothing after {@link #finish()}. */
    @Override
    void close() throws IOException;
}
