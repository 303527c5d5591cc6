package io.proximadb.storage.fs.memory;

import io.proximadb.spi.fs.FileSystemContractTest;
import io.proximadb.spi.fs.FileSystemProvider;

class MemoryFileSystemTest extends FileSystemContractTest {
    @Override
    protected FileSystemProvider provider() {
        return new MemoryFileSystemProvider();
    }
}
