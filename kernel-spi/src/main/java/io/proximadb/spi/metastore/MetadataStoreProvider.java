package io.proximadb.spi.metastore;

import io.proximadb.spi.Plugin;
import java.io.IOException;

/**
 * The metadata-store SPI: where the catalog (collections and their configuration, later API keys
 * and tenants) is kept. Found with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/io.proximadb.spi.metastore.MetadataStoreProvider}.
 */
public interface MetadataStoreProvider extends Plugin {

    /** Opens (creating if missing) the store described by {@code context}. */
    MetadataStore open(MetadataStoreContext context) throws IOException;
}
