package io.proximadb.kernel.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proximadb.api.ProximaException;
import io.proximadb.kernel.plugin.PluginKind;
import io.proximadb.kernel.plugin.PluginRegistry;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.metastore.MetadataConflictException;
import io.proximadb.spi.metastore.MetadataMutation;
import io.proximadb.spi.metastore.MetadataStore;
import io.proximadb.spi.metastore.MetadataStoreContext;
import io.proximadb.spi.record.Metric;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The list of collections, kept in the metadata store ({@code metadata.store}) under
 * {@code collections/<name>}: each value is the collection's spec and the directory that holds
 * it, as JSON. Every change is one durable commit before it returns, whatever the data logs'
 * policy: catalog changes are rare and losing one would orphan or resurrect a whole collection.
 *
 * <p>Not thread-safe: the database serialises calls.
 */
final class Catalog implements Closeable {

    /** A live collection and the directory (under {@code collections/}) that holds it. */
    record Entry(CollectionSpec spec, String directory) {
    }

    /** The store's directory under the data directory. */
    static final String STORE_DIRECTORY = "meta";
    private static final String PREFIX = "collections/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON form of an entry; a record of plain types so that the stored shape is explicit. */
    private record Stored(String name, int dimension, String metric, String memtable, String walCodec, String index,
                          Map<String, String> options, String directory) {

        static Stored of(Entry entry) {
            CollectionSpec spec = entry.spec();
            return new Stored(spec.name(), spec.dimension(), spec.metric().toString(), spec.memtable(), spec.walCodec(),
                    spec.index(), spec.options(), entry.directory());
        }

        Entry entry() {
            return new Entry(new CollectionSpec(name, dimension, Metric.fromName(metric), memtable, walCodec, index,
                    options), directory);
        }
    }

    private final MetadataStore store;

    private Catalog(MetadataStore store) {
        this.store = store;
    }

    /**
     * Opens the catalog in the store named by {@code storeName}.
     *
     * @param localDataDirectory the data directory on the local disk, or {@code null} when the
     *                           filesystem is not local (stores that need a local file refuse it)
     */
    static Catalog open(FileSystem fs, PluginRegistry plugins, String storeName, Path localDataDirectory) {
        try {
            Path local = localDataDirectory == null ? null : localDataDirectory.resolve(STORE_DIRECTORY);
            fs.createDirectories(STORE_DIRECTORY);
            MetadataStore store = plugins.get(PluginKind.METADATA_STORE, storeName)
                    .open(new MetadataStoreContext(fs, STORE_DIRECTORY, local, Map.of()));
            return new Catalog(store);
        } catch (IOException e) {
            throw new ProximaException.StorageFailure("cannot open the catalog (metadata store '" + storeName + "'): "
                    + e.getMessage(), e);
        }
    }

    List<Entry> live() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String json : store.scan(PREFIX).values()) {
            try {
                entries.add(JSON.readValue(json, Stored.class).entry());
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new IOException("the catalog entry " + json + " cannot be read: " + e.getMessage(), e);
            }
        }
        return entries;
    }

    /**
     * Records a new collection. Its directory is named after the store's next revision, so that a
     * collection created again after a drop never reuses the old one's directory.
     */
    Entry create(CollectionSpec spec) throws IOException {
        Entry entry = new Entry(spec, spec.name() + "-" + (store.revision() + 1));
        commit(entry.spec().name(), List.of(new MetadataMutation.ExpectAbsent(PREFIX + spec.name()),
                new MetadataMutation.Put(PREFIX + spec.name(), JSON.writeValueAsString(Stored.of(entry)))));
        return entry;
    }

    /** Records an entry read from elsewhere (a migration), keeping its directory. */
    void adopt(Entry entry) throws IOException {
        commit(entry.spec().name(), List.of(new MetadataMutation.Put(PREFIX + entry.spec().name(),
                JSON.writeValueAsString(Stored.of(entry)))));
    }

    /** Removes a collection and returns the directory that held it. */
    String drop(String name) throws IOException {
        String json = store.get(PREFIX + name).orElseThrow(() -> new ProximaException.CollectionNotFound(name));
        commit(name, List.of(new MetadataMutation.ExpectValue(PREFIX + name, json), new MetadataMutation.Delete(PREFIX + name)));
        return JSON.readValue(json, Stored.class).directory();
    }

    private void commit(String name, List<MetadataMutation> mutations) throws IOException {
        try {
            store.commit(mutations);
        } catch (MetadataConflictException e) {
            // The database serialises catalog changes, so only another process could have raced us.
            throw new ProximaException.CollectionExists(name);
        }
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
