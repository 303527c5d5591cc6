package io.proximadb.storage.metastore.sqlite;

import io.proximadb.spi.PluginUnavailableException;
import io.proximadb.spi.metastore.MetadataStore;
import io.proximadb.spi.metastore.MetadataStoreContext;
import io.proximadb.spi.metastore.MetadataStoreProvider;
import io.proximadb.storage.metastore.StoreOptions;
import java.io.IOException;
import java.util.Set;
import org.sqlite.SQLiteJDBCLoader;

/**
 * The {@code sqlite} metadata store: a SQLite database, {@code <localDirectory>/catalog.db},
 * through sqlite-jdbc, for those who want to open the catalog with the {@code sqlite3} shell.
 * Needs a local directory: SQLite locks and maps real files, which object stores do not have.
 */
public final class SqliteMetadataStoreProvider implements MetadataStoreProvider {

    static final String FILE_NAME = "catalog.db";

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String description() {
        return "catalog in <data_dir>/meta/catalog.db (SQLite, WAL journal, synchronous=FULL); local disk only";
    }

    @Override
    public void checkAvailable() throws PluginUnavailableException {
        try {
            if (!SQLiteJDBCLoader.initialize()) {
                throw new PluginUnavailableException("the SQLite native library of sqlite-jdbc did not load on this platform");
            }
        } catch (PluginUnavailableException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new PluginUnavailableException("the SQLite native library of sqlite-jdbc cannot be loaded: " + e.getMessage(), e);
        }
    }

    @Override
    public MetadataStore open(MetadataStoreContext context) throws IOException {
        StoreOptions.rejectUnknown(name(), context.options(), Set.of());
        if (context.localDirectory() == null) {
            throw new IllegalArgumentException("the 'sqlite' metadata store needs a directory on the local disk, and the "
                    + "database's filesystem is not local; choose metadata.store = \"wal\", which works on any filesystem");
        }
        return SqliteMetadataStore.open(context.localDirectory().resolve(FILE_NAME));
    }
}
