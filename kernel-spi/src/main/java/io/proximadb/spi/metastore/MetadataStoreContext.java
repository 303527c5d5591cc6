package io.proximadb.spi.metastore;

import io.proximadb.spi.fs.FileSystem;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a metadata store lives.
 *
 * @param fs             the database's filesystem
 * @param directory      the store's directory on {@code fs}, owned by the store
 * @param localDirectory the same directory on the local disk, or {@code null} when the
 *                       filesystem is not local; stores that need a real file (SQLite) refuse to
 *                       open without it
 * @param options        store-specific settings by name; a store rejects names it does not know
 */
public record MetadataStoreContext(FileSystem fs, String directory, Path localDirectory, Map<String, String> options) {

    public MetadataStoreContext {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(directory, "directory");
        options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
    }
}
