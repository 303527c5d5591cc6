package io.proximadb.storage.metastore;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.metastore.MetadataStoreProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProvidersRegisteredTest {
    @Test
    void walMemoryAndSqliteAreFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(MetadataStoreProvider.class).stream().map(p -> p.get().name()))
                .containsExactlyInAnyOrder("wal", "memory", "sqlite");
    }
}
