package io.proximadb.storage.metastore;

import io.proximadb.spi.metastore.MetadataStoreContext;
import io.proximadb.storage.fs.local.LocalFileSystemProvider;
import io.proximadb.storage.fs.memory.MemoryFileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The places the contract tests of this module open their stores in. */
public final class TestContexts {

    private TestContexts() {
    }

    /** {@code <root>/meta} on the {@code file} filesystem, with its local path. */
    public static MetadataStoreContext onLocalDisk(Path root, Map<String, String> options) throws IOException {
        return new MetadataStoreContext(new LocalFileSystemProvider().open(root), "meta", root.resolve("meta"), options);
    }

    /** {@code meta} on a new {@code memory} filesystem: not local, so no local path. */
    public static MetadataStoreContext inMemory(Map<String, String> options) {
        return new MetadataStoreContext(new MemoryFileSystem(), "meta", null, options);
    }
}
