package io.proximadb.spi.fs;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** A file opened for positional reads. Thread-safe: positional reads share no cursor. */
public interface ReadableFile extends Closeable {

    /**
     * Reads up to {@code destination.remaining()} bytes starting at {@code position}.
     *
     * @return the number of bytes read, or -1 at the end of the file
     */
    int read(ByteBuffer destination, long position) throws IOException;

    long size() throws IOException;

    /** Reads exactly {@code destination.remaining()} bytes, or throws {@link java.io.EOFException}. */
    default void readFully(ByteBuffer destination, long position) throws IOException {
        long at = position;
        while (destination.hasRemaining()) {
            int read = read(destination, at);
            if (read < 0) {
                throw new java.io.EOFException("end of file at offset " + at);
            }
            at += read;
        }
    }

    /**
     * The whole file as a read-only memory segment that lives as long as {@code arena}. Stores
     * that can memory-map (the local disk) map the file in place, with no copy to the heap; the
     * default reads it into memory the arena owns, which is what an object store must do anyway.
     * The segment is 64-byte aligned at its start, so that aligned offsets in a file are
     * aligned in memory. The file may be closed once the segment exists.
     */
    default MemorySegment map(Arena arena) throws IOException {
        long size = size();
        MemorySegment copy = arena.allocate(Math.max(size, 1), 64).asSlice(0, size);
        long at = 0;
        while (at < size) {
            int chunk = (int) Math.min(size - at, 1 << 20);
            ByteBuffer buffer = copy.asSlice(at, chunk).asByteBuffer();
            readFully(buffer, at);
            at += chunk;
        }
        return copy.asReadOnly();
    }
}
