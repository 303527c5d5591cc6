package io.proximadb.index.hnsw;

/**
 * Distances from one query to graph nodes, as the walks of {@link LayerSearch} take them: exact
 * float32 distances ({@link FloatQuery}) while building and without a quantizer, approximate
 * ones over codes ({@link CodeQuery}) when searching with one. Bound to its query by whoever
 * makes it; one per search, not thread-safe.
 */
interface QueryDistances {

    float distance(int node);

    /**
     * The distances to {@code nodes[from]} ... {@code nodes[from + count - 1]}, {@code count} at
     * most 4, into {@code out}.
     */
    void distances(int[] nodes, int from, int count, float[] out);

    /**
     * A hint that {@link #distances} of these nodes comes next, so that their data can be on its
     * way to the cache meanwhile; by default nothing.
     */
    default void prefetch(int[] nodes, int from, int count) {
    }
}
