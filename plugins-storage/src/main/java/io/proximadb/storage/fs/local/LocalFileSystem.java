package io.proximadb.storage.fs.local;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.storage.fs.FsPaths;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link FileSystem} over a local directory.
 *
 * <h2>Durability</h2>
 * {@link WritableFile#sync()} is {@code FileChannel.force(false)}, that is {@code fdatasync(2)} on
 * Linux: it flushes the data and the metadata needed to read it back (the file's size), but not
 * the modification time, which nothing here reads. That is what a log append needs and it saves a
 * journal commit per sync on ext4/xfs. {@link #truncate} uses {@code force(true)}, because a
 * shrinking length is exactly the metadata that must not come back after a crash.
 * {@link #syncDirectory} opens the directory read-only and calls {@code force(true)}, which is
 * {@code fsync(2)} on the directory's descriptor: on Linux this makes new, renamed and removed
 * names durable. (On Windows opening a directory fails; this provider targets POSIX systems.)
 *
 * <h2>Thread safety</h2>
 * The filesystem holds no state beyond its root and is thread-safe. A {@link ReadableFile} allows
 * concurrent positional reads; a {@link WritableFile} is for one thread at a time. A thread
 * interrupted during I/O closes the channel it was using ({@code ClosedByInterruptException}), as
 * {@link FileChannel} always does.
 */
final class LocalFileSystem implements FileSystem {

    private final Path root;

    LocalFileSystem(Path root) {
        this.root = root;
    }

    private Path file(String path) {
        return root.resolve(FsPaths.file(path));
    }

    private Path directory(String path) {
        String checked = FsPaths.directory(path);
        return checked.isEmpty() ? root : root.resolve(checked);
    }

    @Override
    public WritableFile create(String path) throws IOException {
        Path target = file(path);
        Files.createDirectories(target.getParent());
        return new LocalWritableFile(FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    @Override
    public WritableFile append(String path) throws IOException {
        FileChannel channel = FileChannel.open(file(path), StandardOpenOption.WRITE);
        channel.position(channel.size());
        return new LocalWritableFile(channel);
    }

    @Override
    public ReadableFile openForRead(String path) throws IOException {
        return new LocalReadableFile(FileChannel.open(file(path), StandardOpenOption.READ));
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(directory(path));
    }

    @Override
    public long size(String path) throws IOException {
        return Files.size(file(path));
    }

    @Override
    public List<String> list(String directory) throws IOException {
        Path dir = directory(directory);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (NoSuchFileException raced) {
            return List.of();
        }
    }

    @Override
    public void createDirectories(String directory) throws IOException {
        Files.createDirectories(directory(directory));
    }

    @Override
    public void rename(String source, String target) throws IOException {
        Path from = file(source);
        Path to = file(target);
        if (!Files.exists(from)) {
            throw new NoSuchFileException(from.toString());
        }
        Files.createDirectories(to.getParent());
        // rename(2): atomic, and it replaces an existing target in the same step.
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete(String path) throws IOException {
        Path target = file(path);
        if (!Files.exists(target)) {
            return;
        }
        Files.walkFileTree(target, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void truncate(String path, long length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length + " for '" + path + "'");
        }
        try (FileChannel channel = FileChannel.open(file(path), StandardOpenOption.WRITE)) {
            channel.truncate(length);
            channel.force(true);
        }
    }

    @Override
    public void syncDirectory(String directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory(directory), StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    @Override
    public void close() {
        // Nothing is held open by the filesystem itself; files close on their own.
    }

    @Override
    public String toString() {
        return "file:" + root;
    }

    private static final class LocalWritableFile implements WritableFile {
        private final FileChannel channel;

        LocalWritableFile(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(ByteBuffer source) throws IOException {
            while (source.hasRemaining()) {
                channel.write(source);
            }
        }

        @Override
        public void sync() throws IOException {
            channel.force(false);
        }

        @Override
        public long length() throws IOException {
            return channel.position();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private record LocalReadableFile(FileChannel channel) implements ReadableFile {
        @Override
        public int read(ByteBuffer destination, long position) throws IOException {
            return channel.read(destination, position);
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        /** Maps the file in place: pages come from the page cache, nothing is copied to the heap. */
        @Override
        public MemorySegment map(Arena arena) throws IOException {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena).asReadOnly();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
