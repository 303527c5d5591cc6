package io.proximadb.api;

import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.kernel.engine.EmbeddedDatabase;
import java.nio.file.Path;
import java.util.List;

/**
 * A ProximaDB database: a set of named collections of vectors. Open an embedded one on a data
 * directory with {@link #open(Path)}; the remote clients implement this same interface, so a
 * program moves between embedded and remote by changing how it opens the database.
 *
 * <p>Thread-safe: share one instance for the whole process. Closing it syncs and closes every log.
 */
public interface ProximaDB extends AutoCloseable {

    /** Opens (creating if needed) the database in {@code dataDirectory} with the default settings. */
    static ProximaDB open(Path dataDirectory) {
        return open(ProximaConfig.defaults().withDataDirectory(dataDirectory));
    }

    /** Opens the database described by {@code config}, recovering whatever its logs hold. */
    static ProximaDB open(ProximaConfig config) {
        return EmbeddedDatabase.open(config);
    }

    /**
     * Creates a collection; durable when this returns.
     *
     * @throws ProximaException.CollectionExists if the name is taken
     * @throws ProximaException.InvalidArgument  if the name or dimension is invalid
     * @throws ProximaException.PluginNotAvailable if a named plugin is unknown or unavailable
     */
    Collection createCollection(CollectionConfig config);

    /** The collection with this name. @throws ProximaException.CollectionNotFound if there is none */
    Collection collection(String name);

    /** Every collection, sorted by name. */
    List<CollectionInfo> listCollections();

    /** Drops a collection and everything in it; durable when this returns. */
    void dropCollection(String name);

    @Override
    void close();
}
