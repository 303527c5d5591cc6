package io.proximadb.spi.index;

import io.proximadb.spi.record.Metric;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to build an index for.
 *
 * @param dimension the vectors' length
 * @param metric    the collection's metric
 * @param params    index parameters by name (for example {@code m}, {@code ef_construction});
 *                  an index rejects names it does not know with {@link IllegalArgumentException}
 */
public record IndexSpec(int dimension, Metric metric, Map<String, String> params) {

    public IndexSpec {
        Objects.requireNonNull(metric, "metric");
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }
}
