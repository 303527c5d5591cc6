package io.proximadb.spi.fs;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A store of named byte files under one root. Paths are relative, {@code /}-separated, without
 * {@code .} or {@code ..} segments, so that the same names work on object stores. For the
 * directory methods, the empty path {@code ""} names the root.
 *
 * <h2>Durability</h2>
 * Bytes written are durable only after {@link WritableFile#sync()}; a new name (create, rename,
 * delete) is durable only after {@link #syncDirectory} of its parent. A crash may lose anything not
 * made durable, but never reorders a durable rename before the data it names was synced.
 *
 * <h2>Thread safety</h2>
 * The filesystem is thread-safe. Each open file is used by one thread at a time unless its own
 * documentation says more.
 *
 * <h2>Errors</h2>
 * Methods throw {@link java.nio.file.NoSuchFileException} for a missing path,
 * {@link java.nio.file.FileAlreadyExistsException} where a path must not exist, and
 * {@link IOException} otherwise, each naming the path.
 */
public interface FileSystem extends Closeable {

    /** Creates a new, empty file for writing; fails if it exists. Parent directories are created. */
    WritableFile create(String path) throws IOException;

    /** Opens an existing file for appending at its end. */
    WritableFile append(String path) throws IOException;

    /** Opens an existing file for reading. */
    ReadableFile openForRead(String path) throws IOException;

    boolean exists(String path) throws IOException;

    /** The length in bytes of an existing file. */
    long size(String path) throws IOException;

    /** The names (not paths) of the entries directly under {@code directory}, sorted; empty if missing. */
    List<String> list(String directory) throws IOException;

    /** Creates a directory and its parents if missing. */
    void createDirectories(String directory) throws IOException;

    /** Renames atomically, replacing {@code target} if it exists. */
    void rename(String source, String target) throws IOException;

    /** Deletes a file, or a directory with everything under it; does nothing if it is missing. */
    void delete(String path) throws IOException;

    /** Cuts a file to {@code length} bytes and makes the cut durable. */
    void truncate(String path, long length) throws IOException;

    /** Makes creations, renames and deletions of entries in {@code directory} durable. */
    void syncDirectory(String directory) throws IOException;
}
