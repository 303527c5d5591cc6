package io.proximadb.spi.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A file being written sequentially. {@link #write} is called by one thread at a time. */
public interface WritableFile extends Closeable {

    /** Writes all remaining bytes of {@code source} at the end of the file; the buffer stays the caller's. */
    void write(ByteBuffer source) throws IOException;

    /**
     * Makes every byte written before this call started durable (fsync/fdatasync). Unlike the
     * other methods, {@code sync} may run while another thread calls {@link #write}: group commit
     * syncs for everyone while the next writers append.
     */
    void sync() throws IOException;

    /** The file's length, including bytes written but not yet synced. */
    long length() throws IOException;
}
