package io.proximadb.storage.fs.memory;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.FileSystemProvider;
import java.nio.file.Path;

/**
 * The {@code memory} filesystem: files held on the heap, for tests and ephemeral collections.
 * Every {@link #open} returns a new, empty store (the root path is only a label): there is no
 * process-wide registry, so tests running in parallel never share files. To reopen "the same
 * disk", keep the {@link FileSystem} instance (or construct a {@link MemoryFileSystem}) and hand
 * it in again.
 */
public final class MemoryFileSystemProvider implements FileSystemProvider {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String description() {
        return "files on the heap; lost when the process exits";
    }

    @Override
    public FileSystem open(Path root) {
        return new MemoryFileSystem(root == null ? "memory" : root.toString());
    }
}
