package io.proximadb.storage.metastore.wal;

import io.proximadb.spi.metastore.MetadataStoreContext;
import io.proximadb.spi.metastore.MetadataStoreContractTest;
import io.proximadb.spi.metastore.MetadataStoreProvider;
import io.proximadb.storage.metastore.TestContexts;
import java.util.HashMap;
import java.util.Map;

/** The contract on the {@code memory} filesystem, with a small threshold so that snapshots happen often. */
class WalOnMemoryFileSystemTest extends MetadataStoreContractTest {
    @Override
    protected MetadataStoreProvider provider() {
        return new WalMetadataStoreProvider();
    }

    @Override
    protected MetadataStoreContext freshContext(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(Map.of(WalMetadataStoreProvider.SNAPSHOT_BYTES, "4096"));
        all.putAll(options);
        return TestContexts.inMemory(all);
    }

    @Override
    protected boolean persistent() {
        return true;
    }
}
