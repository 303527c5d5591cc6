package io.proximadb.spi.index;

import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.Map;

/**
 * The hooks of the index contract ({@link VectorIndexContractTest}) and what its parts share.
 * Sizes are chosen so that the whole suite runs in seconds: a few thousand vectors of dimension 32.
 */
public abstract class VectorIndexContractSupport {

    protected static final int DIMENSION = 32;
    protected static final int K = 10;
    protected static final int QUERIES = 50;

    protected abstract VectorIndexFactory factory();

    /** The lowest acceptable recall@10 against exact search, filtered or not; exact indexes say 1.0. */
    protected abstract double recallFloor();

    protected Map<String, String> buildParams() {
        return Map.of();
    }

    /** Per-query parameters passed to every search of the suite. */
    protected Map<String, String> searchParams() {
        return Map.of();
    }

    /** Whether the index supports {@code metric}; tests of other metrics are skipped. */
    protected boolean supportsMetric(Metric metric) {
        return true;
    }

    protected IndexSpec spec(Metric metric, int dimension) {
        return new IndexSpec(dimension, metric, buildParams());
    }

    protected VectorIndex build(Metric metric, VectorValues values) {
        return factory().build(spec(metric, values.dimension()), values, VectorKernelsProvider.best());
    }
}
