package io.proximadb.spi.collection;

import io.proximadb.spi.record.Metric;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Collections;

/**
 * What a collection is: fixed at creation and logged, so that it survives restarts unchanged.
 *
 * @param name      the collection's name
 * @param dimension the length of every vector
 * @param metric    how closeness is measured
 * @param memtable  the memtable plugin's name
 * @param walCodec  the WAL codec plugin's name
 * @param index     the vector index plugin's name
 * @param options   plugin parameters (for example index parameters), sorted by key
 */
public record CollectionSpec(String name, int dimension, Metric metric, String memtable, String walCodec,
                             String index, Map<String, String> options) {

    public CollectionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(memtable, "memtable");
        Objects.requireNonNull(walCodec, "walCodec");
        Objects.requireNonNull(index, "index");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        options = Collections.unmodifiableSortedMap(new TreeMap<>(options));
    }
}
