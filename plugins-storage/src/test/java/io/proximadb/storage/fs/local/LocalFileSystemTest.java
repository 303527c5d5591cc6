package io.proximadb.storage.fs.local;

import io.proximadb.spi.fs.FileSystemContractTest;
import io.proximadb.spi.fs.FileSystemProvider;

class LocalFileSystemTest extends FileSystemContractTest {
    @Override
    protected FileSystemProvider provider() {
        return new LocalFileSystemProvider();
    }
}
