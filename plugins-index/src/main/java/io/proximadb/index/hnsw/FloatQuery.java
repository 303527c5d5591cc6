package io.proximadb.index.hnsw;

/** Exact float32 distances from a prepared query ({@link VectorDistance#prepare}); rebound per query. */
final class FloatQuery implements QueryDistances {

    private final VectorDistance distance;
    private float[] prepared;

    FloatQuery(VectorDistance distance) {
        this.distance = distance;
    }

    /** Whether this query scores with {@code other}: a scratch's query is made anew when the index's distances change. */
    boolean over(VectorDistance other) {
        return distance == other;
    }

    FloatQuery bind(float[] prepared) {
        this.prepared = prepared;
        return this;
    }

    @Override
    public float distance(int node) {
        return distance.distance(prepared, node);
    }

    @Override
    public void distances(int[] nodes, int from, int count, float[] out) {
        distance.distances(prepared, nodes, from, count, out);
    }
}
