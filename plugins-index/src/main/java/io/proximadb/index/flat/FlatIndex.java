package io.proximadb.index.flat;

import io.proximadb.index.common.CandidateHeap;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Exact k-NN by a full scan. Holds no structure beyond a reference to the vectors, so it is built
 * in constant time and is the reference every approximate index's recall is measured against.
 * Thread-safe: a search allocates only its own result heap.
 */
final class FlatIndex implements VectorIndex {

    private final Metric metric;
    private final VectorValues values;
    private final VectorKernels kernels;

    FlatIndex(Metric metric, VectorValues values, VectorKernels kernels) {
        this.metric = metric;
        this.values = values;
        this.kernels = kernels;
    }

    @Override
    public List<Neighbor> search(float[] query, int k, IntPredicate accept, Map<String, String> params) {
        if (query.length != values.dimension()) {
            throw new IllegalArgumentException("query has dimension " + query.length
                    + ", the index has dimension " + values.dimension());
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (!params.isEmpty()) {
            throw new IllegalArgumentException("index 'flat' takes no search parameters, got " + params.keySet());
        }
        CandidateHeap heap = new CandidateHeap(Math.min(k, Math.max(values.size(), 1)));
        MemorySegment stored = values.segment();
        if (stored != null) {
            // Vectors in place (a mapped segment): distances straight from the page cache, no copies.
            long stride = (long) values.dimension() * Float.BYTES;
            for (int ordinal = 0, size = values.size(); ordinal < size; ordinal++) {
                if (accept == null || accept.test(ordinal)) {
                    heap.offer(ordinal, metric.distance(kernels, query, stored, ordinal * stride));
                }
            }
        } else {
            for (int ordinal = 0, size = values.size(); ordinal < size; ordinal++) {
                if (accept == null || accept.test(ordinal)) {
                    heap.offer(ordinal, metric.distance(kernels, query, values.vector(ordinal)));
                }
            }
        }
        return heap.drainToList();
    }

    @Override
    public long memoryBytes() {
        return 0;
    }

    @Override
    public void close() {
        // Nothing held but a reference to the caller's vectors.
    }
}
