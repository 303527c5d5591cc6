package io.proximadb.storage.metastore.memory;

import io.proximadb.spi.metastore.MetadataStore;
import io.proximadb.spi.metastore.MetadataStoreContext;
import io.proximadb.spi.metastore.MetadataStoreProvider;
import io.proximadb.storage.metastore.CommitLog;
import io.proximadb.storage.metastore.CommittedEntries;
import io.proximadb.storage.metastore.HeapMetadataStore;
import io.proximadb.storage.metastore.StoreOptions;
import java.util.Map;
import java.util.Set;

/**
 * The {@code memory} metadata store: a sorted map on the heap, empty at every open and lost at
 * close. For tests and throw-away databases; it never touches the context's filesystem.
 */
public final class MemoryMetadataStoreProvider implements MetadataStoreProvider {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String description() {
        return "catalog on the heap; lost when the store is closed (tests)";
    }

    @Override
    public MetadataStore open(MetadataStoreContext context) {
        StoreOptions.rejectUnknown(name(), context.options(), Set.of());
        return new HeapMetadataStore(new CommittedEntries(Map.of(), 0), CommitLog.NONE);
    }
}
