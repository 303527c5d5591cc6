package io.proximadb.storage.fs.memory;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.storage.fs.FsPaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link FileSystem} on the heap.
 *
 * <p>Semantics follow POSIX where the SPI is silent: an open file keeps its contents when its
 * name is renamed or deleted (like an unlinked inode), and a reader sees bytes appended after it
 * was opened. {@code sync} and {@code syncDirectory} do nothing: everything is as durable as the
 * process. Files are limited to 2 GiB.
 *
 * <h2>Thread safety</h2>
 * The namespace (a sorted map from path to entry) is guarded by this object's monitor; each
 * file's bytes by the file's own monitor, so reads of one file never wait for another file's
 * writes. Locks are never taken in the order file-then-namespace, so there is no deadlock.
 */
public final class MemoryFileSystem implements FileSystem {

    /** A directory entry; files are {@link Data}. */
    private static final Object DIRECTORY = new Object();

    private final String label;
    private final TreeMap<String, Object> entries = new TreeMap<>();

    public MemoryFileSystem() {
        this("memory");
    }

    public MemoryFileSystem(String label) {
        this.label = label;
    }

    @Override
    public synchronized WritableFile create(String path) throws IOException {
        FsPaths.file(path);
        if (entries.containsKey(path)) {
            throw new FileAlreadyExistsException(path);
        }
        makeDirectories(FsPaths.parent(path));
        Data data = new Data();
        entries.put(path, data);
        return new Writer(data);
    }

    @Override
    public synchronized WritableFile append(String path) throws IOException {
        return new Writer(data(path));
    }

    @Override
    public synchronized ReadableFile openForRead(String path) throws IOException {
        return new Reader(data(path));
    }

    @Override
    public synchronized boolean exists(String path) {
        String checked = FsPaths.directory(path);
        return checked.isEmpty() || entries.containsKey(checked);
    }

    @Override
    public long size(String path) throws IOException {
        Data data;
        synchronized (this) {
            data = data(path);
        }
        return data.length();
    }

    @Override
    public synchronized List<String> list(String directory) {
        String dir = FsPaths.directory(directory);
        String prefix = dir.isEmpty() ? "" : dir + "/";
        if (!dir.isEmpty() && entries.get(dir) != DIRECTORY) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String key : descendants(prefix).keySet()) {
            String rest = key.substring(prefix.length());
            if (rest.indexOf('/') < 0) {
                names.add(rest);
            }
        }
        return names;
    }

    @Override
    public synchronized void createDirectories(String directory) throws IOException {
        makeDirectories(FsPaths.directory(directory));
    }

    @Override
    public synchronized void rename(String source, String target) throws IOException {
        FsPaths.file(source);
        FsPaths.file(target);
        Object moving = entries.get(source);
        if (moving == null) {
            throw new NoSuchFileException(source);
        }
        if (source.equals(target)) {
            return;
        }
        if (target.startsWith(source + "/")) {
            throw new IOException("cannot move '" + source + "' into itself as '" + target + "'");
        }
        Object replaced = entries.get(target);
        if (replaced == DIRECTORY && (moving != DIRECTORY || !descendants(target + "/").isEmpty())) {
            throw new IOException("cannot replace directory '" + target + "' by '" + source + "'");
        }
        if (replaced instanceof Data && moving == DIRECTORY) {
            throw new NotDirectoryException(target);
        }
        makeDirectories(FsPaths.parent(target));
        Map<String, Object> children = new TreeMap<>(descendants(source + "/"));
        entries.remove(source);
        entries.put(target, moving);
        for (Map.Entry<String, Object> child : children.entrySet()) {
            entries.remove(child.getKey());
            entries.put(target + child.getKey().substring(source.length()), child.getValue());
        }
    }

    @Override
    public synchronized void delete(String path) {
        FsPaths.file(path);
        if (entries.remove(path) == DIRECTORY) {
            descendants(path + "/").clear();
        }
    }

    @Override
    public void truncate(String path, long length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length + " for '" + path + "'");
        }
        Data data;
        synchronized (this) {
            data = data(path);
        }
        data.truncate(length);
    }

    @Override
    public synchronized void syncDirectory(String directory) throws IOException {
        String dir = FsPaths.directory(directory);
        if (!dir.isEmpty() && entries.get(dir) != DIRECTORY) {
            throw new NoSuchFileException(dir);
        }
    }

    /** Drops every file. */
    @Override
    public synchronized void close() {
        entries.clear();
    }

    @Override
    public String toString() {
        return "memory:" + label;
    }

    private Data data(String path) throws IOException {
        FsPaths.file(path);
        Object entry = entries.get(path);
        if (entry instanceof Data data) {
            return data;
        }
        if (entry == DIRECTORY) {
            throw new IOException("'" + path + "' is a directory");
        }
        throw new NoSuchFileException(path);
    }

    private Map<String, Object> descendants(String prefix) {
        // '/' + 1 == '0': every key starting with prefix sorts before prefix-without-slash + '0'.
        return prefix.isEmpty() ? entries : entries.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
    }

    private void makeDirectories(String directory) throws IOException {
        if (directory.isEmpty()) {
            return;
        }
        int at = 0;
        while (true) {
            int slash = directory.indexOf('/', at);
            String prefix = slash < 0 ? directory : directory.substring(0, slash);
            Object existing = entries.putIfAbsent(prefix, DIRECTORY);
            if (existing instanceof Data) {
                throw new NotDirectoryException(prefix);
            }
            if (slash < 0) {
                return;
            }
            at = slash + 1;
        }
    }

    /** The bytes of one file, guarded by their own monitor. */
    private static final class Data {
        private byte[] bytes = new byte[256];
        private int length;

        synchronized long length() {
            return length;
        }

        synchronized void append(ByteBuffer source) throws IOException {
            long needed = (long) length + source.remaining();
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IOException("memory file would exceed 2 GiB");
            }
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * bytes.length)));
            }
            int count = source.remaining();
            source.get(bytes, length, count);
            length += count;
        }

        synchronized int read(ByteBuffer destination, long position) {
            if (position < 0) {
                throw new IllegalArgumentException("negative position " + position);
            }
            if (position >= length) {
                return destination.hasRemaining() ? -1 : 0;
            }
            int count = (int) Math.min(destination.remaining(), length - position);
            destination.put(bytes, (int) position, count);
            return count;
        }

        synchronized void truncate(long newLength) {
            if (newLength < length) {
                length = (int) newLength;
            }
        }
    }

    private static final class Writer implements WritableFile {
        private final Data data;
        private volatile boolean closed;

        Writer(Data data) {
            this.data = data;
        }

        @Override
        public void write(ByteBuffer source) throws IOException {
            ensureOpen();
            data.append(source);
        }

        @Override
        public void sync() throws IOException {
            ensureOpen();
        }

        @Override
        public long length() throws IOException {
            ensureOpen();
            return data.length();
        }

        @Override
        public void close() {
            closed = true;
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new java.nio.channels.ClosedChannelException();
            }
        }
    }

    private record Reader(Data data) implements ReadableFile {
        @Override
        public int read(ByteBuffer destination, long position) {
            return data.read(destination, position);
        }

        @Override
        public long size() {
            return data.length();
        }

        @Override
        public void close() {
        }
    }
}
