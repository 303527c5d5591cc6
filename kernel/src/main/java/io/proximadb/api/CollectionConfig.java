package io.proximadb.api;

import io.proximadb.spi.record.Metric;
import java.util.Map;
import java.util.Objects;

/**
 * How to create a collection. Plugin names left {@code null} take the database's defaults
 * (configuration keys {@code defaults.memtable}, {@code defaults.wal_codec}, {@code defaults.index}).
 *
 * @param name      letters, digits, {@code _} and {@code -}, 1 to 64 characters
 * @param dimension the length of every vector, 1 to 65536
 * @param metric    how closeness is measured
 * @param memtable  a memtable plugin name, or {@code null} for the default
 * @param walCodec  a WAL codec plugin name, or {@code null} for the default
 * @param index     a vector index plugin name, or {@code null} for the default
 * @param options   plugin parameters
 */
public record CollectionConfig(String name, int dimension, Metric metric, String memtable, String walCodec,
                               String index, Map<String, String> options) {

    public CollectionConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        options = Map.copyOf(options);
    }

    public static CollectionConfig of(String name, int dimension, Metric metric) {
        return new CollectionConfig(name, dimension, metric, null, null, null, Map.of());
    }

    public CollectionConfig withMemtable(String memtable) {
        return new CollectionConfig(name, dimension, metric, memtable, walCodec, index, options);
    }

    public CollectionConfig withWalCodec(String walCodec) {
        return new CollectionConfig(name, dimension, metric, memtable, walCodec, index, options);
    }

    public CollectionConfig withIndex(String index) {
        return new CollectionConfig(name, dimension, metric, memtable, walCodec, index, options);
    }

    /**
     * With one more plugin parameter. Keys starting with {@code index.} parameterise the index:
     * {@code withOption("index.m", "16")} builds each segment's index with {@code m = 16}.
     */
    public CollectionConfig withOption(String key, String value) {
        Map<String, String> more = new java.util.TreeMap<>(options);
        more.put(key, value);
        return new CollectionConfig(name, dimension, metric, memtable, walCodec, index, more);
    }
}
