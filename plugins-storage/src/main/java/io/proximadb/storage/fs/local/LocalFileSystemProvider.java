package io.proximadb.storage.fs.local;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.FileSystemProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code file} filesystem: a directory on the local disk, read and written with {@link java.nio.channels.FileChannel}. */
public final class LocalFileSystemProvider implements FileSystemProvider {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public String description() {
        return "local disk, through FileChannel (fdatasync on sync, directory fsync on Linux)";
    }

    @Override
    public FileSystem open(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        return new LocalFileSystem(absolute);
    }
}
