package io.proximadb.storage.metastore.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.metastore.MetadataStore;
import io.proximadb.spi.metastore.MetadataStoreContext;
import io.proximadb.spi.metastore.MetadataStoreContractTest;
import io.proximadb.spi.metastore.MetadataStoreProvider;
import io.proximadb.storage.metastore.TestContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqliteMetadataStoreTest extends MetadataStoreContractTest {
    @Override
    protected MetadataStoreProvider provider() {
        return new SqliteMetadataStoreProvider();
    }

    @Override
    protected MetadataStoreContext freshContext(Map<String, String> options) throws IOException {
        return TestContexts.onLocalDisk(temporaryDirectory(), options);
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    @Test
    void theNativeLibraryLoadsHere() {
        assertThatCode(provider()::checkAvailable).doesNotThrowAnyException();
    }

    @Test
    void refusesToOpenWithoutALocalDirectory() {
        MetadataStoreContext remote = TestContexts.inMemory(Map.of());
        assertThatThrownBy(() -> provider().open(remote))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("local disk")
                .hasMessageContaining("wal");
    }

    @Test
    void theCatalogIsAnOrdinarySqliteFileInWalMode() throws IOException, SQLException {
        MetadataStoreContext context = freshContext();
        try (MetadataStore store = open(context)) {
            store.commit(List.of(put("collections/docs", "{}")));
        }
        Path file = context.localDirectory().resolve("catalog.db");
        assertThat(Files.exists(file)).isTrue();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet journal = connection.createStatement().executeQuery("PRAGMA journal_mode");
                ResultSet rows = connection.createStatement().executeQuery("SELECT key, value FROM entries")) {
            assertThat(journal.next()).isTrue();
            assertThat(journal.getString(1)).isEqualToIgnoringCase("wal");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("collections/docs");
            assertThat(rows.getString(2)).isEqualTo("{}");
        }
    }
}
