package io.proximadb.storage.metastore.wal;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.WritableFile;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The log being appended to. A new log is written under a temporary name with its header, synced,
 * renamed and its directory synced ({@link #prepare}, then {@link #install}), so that a log file
 * under its final name always has a whole header.
 */
final class LogWriter implements Closeable {

    private final String path;
    private final WritableFile file;
    private long length;

    private LogWriter(String path, WritableFile file, long length) {
        this.path = path;
        this.file = file;
        this.length = length;
    }

    /** Opens an existing, recovered log for appending at its end. */
    static LogWriter open(FileSystem fs, String path) throws IOException {
        WritableFile file = fs.append(path);
        return new LogWriter(path, file, file.length());
    }

    /** Creates and installs the log whose records follow revision {@code base}. */
    static LogWriter create(FileSystem fs, String directory, long base) throws IOException {
        prepare(fs, directory, base);
        return install(fs, directory, base);
    }

    /** Writes and syncs the new log under its temporary name; a failure here leaves only a temporary. */
    static void prepare(FileSystem fs, String directory, long base) throws IOException {
        String temporary = StoreFiles.path(directory, StoreFiles.temporary(StoreFiles.logName(base)));
        fs.delete(temporary);
        try (WritableFile file = fs.create(temporary)) {
            file.write(ByteBuffer.wrap(LogFormat.header(base)));
            file.sync();
        }
    }

    /** Gives the prepared log its name, durably, and opens it. */
    static LogWriter install(FileSystem fs, String directory, long base) throws IOException {
        String name = StoreFiles.logName(base);
        String path = StoreFiles.path(directory, name);
        fs.rename(StoreFiles.path(directory, StoreFiles.temporary(name)), path);
        fs.syncDirectory(directory);
        return open(fs, path);
    }

    /** Appends one record and syncs it: a commit is durable before it is acknowledged. */
    void append(byte[] frame) throws IOException {
        file.write(ByteBuffer.wrap(frame));
        file.sync();
        length += frame.length;
    }

    String path() {
        return path;
    }

    long length() {
        return length;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
