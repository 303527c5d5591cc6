package io.proximadb.index.hnsw;

import io.proximadb.index.quant.QueryScorer;
import java.lang.foreign.MemorySegment;

/**
 * Approximate distances from a query to the quantized codes stored in the index's codes section,
 * node {@code i}'s at {@code codesOffset + i × stride}, read in place. Reused across queries.
 */
final class CodeQuery implements QueryDistances {

    private final QueryScorer scorer;
    private final MemorySegment data;
    private final long codesOffset;
    private final long stride;

    CodeQuery(QueryScorer scorer, MemorySegment data, long codesOffset, long stride) {
        this.scorer = scorer;
        this.data = data;
        this.codesOffset = codesOffset;
        this.stride = stride;
    }

    CodeQuery bind(float[] query) {
        scorer.setQuery(query);
        return this;
    }

    @Override
    public float distance(int node) {
        return scorer.distance(data, codesOffset + node * stride);
    }

    @Override
    public void distances(int[] nodes, int from, int count, float[] out) {
        scorer.distances(data, offset(nodes, from, count, 0), offset(nodes, from, count, 1),
                offset(nodes, from, count, 2), offset(nodes, from, count, 3), out);
    }

    @Override
    public void prefetch(int[] nodes, int from, int count) {
        scorer.prefetch(data, offset(nodes, from, count, 0), offset(nodes, from, count, 1),
                offset(nodes, from, count, 2), offset(nodes, from, count, 3));
    }

    /**
     * Where the batch's {@code j}-th code is; a short batch repeats its last node rather than wait
     * alone, as {@link VectorDistance} does.
     */
    private long offset(int[] nodes, int from, int count, int j) {
        return codesOffset + nodes[from + Math.min(j, count - 1)] * stride;
    }

    long memoryBytes() {
        return scorer.memoryBytes();
    }
}
