package io.proximadb.storage.metastore.wal;

import io.proximadb.spi.metastore.MetadataStoreContext;
import io.proximadb.spi.metastore.MetadataStoreContractTest;
import io.proximadb.spi.metastore.MetadataStoreProvider;
import io.proximadb.storage.metastore.TestContexts;
import java.io.IOException;
import java.util.Map;

/** The contract on the {@code file} filesystem, with the default snapshot threshold. */
class WalOnLocalFileSystemTest extends MetadataStoreContractTest {
    @Override
    protected MetadataStoreProvider provider() {
        return new WalMetadataStoreProvider();
    }

    @Override
    protected MetadataStoreContext freshContext(Map<String, String> options) throws IOException {
        return TestContexts.onLocalDisk(temporaryDirectory(), options);
    }

    @Override
    protected boolean persistent() {
        return true;
    }
}
