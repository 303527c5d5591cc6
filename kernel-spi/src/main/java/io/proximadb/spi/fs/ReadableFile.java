package io.proximadb.spi.fs;

import java.io.Closeable;
import java.io.IOException;
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
}
