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
        // A short batch repeats its last node rather than wait alone, as VectorDistance does.
        long o0 = codesOffset + nodes[from] * stride;
        long o1 = count > 1 ? codesOffset + nodes[from + 1] * stride : o0;
        long o2 = count > 2 ? codesOffset + nodes[from + 2] * stride : o1;
        long o3 = count > 3 ? codesOffset + nodes[from + 3] * stride : o2;
        scorer.distances(data, o0, o1, o2, o3, out);
    }

    @Override
    public void prefetch(int[] nodes, int from, int count) {
        long o0 = codesOffset + nodes[from] * stride;
        long o1 = count > 1 ? codesOffset + nodes[from + 1] * stride : o0;
        long o2 = count > 2 ? codesOffset + nodes[from + 2] * stride : o1;
        long o3 = count > 3 ? codesOffset + nodes[from + 3] * stride : o2;
        scorer.prefetch(data, o0, o1, o2, o3);
    }

    long memoryBytes() {
        return scorer.memoryBytes();
    }
}
