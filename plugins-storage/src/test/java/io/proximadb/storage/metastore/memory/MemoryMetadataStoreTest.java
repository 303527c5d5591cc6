package io.proximadb.storage.metastore.memory;

import io.proximadb.spi.metastore.MetadataStoreContext;
import io.proximadb.spi.metastore.MetadataStoreContractTest;
import io.proximadb.spi.metastore.MetadataStoreProvider;
import io.proximadb.storage.metastore.TestContexts;
import java.util.Map;

class MemoryMetadataStoreTest extends MetadataStoreContractTest {
    @Override
    protected MetadataStoreProvider provider() {
        return new MemoryMetadataStoreProvider();
    }

    @Override
    protected MetadataStoreContext freshContext(Map<String, String> options) {
        return TestContexts.inMemory(options);
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
