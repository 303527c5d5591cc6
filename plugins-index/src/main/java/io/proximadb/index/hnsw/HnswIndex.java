package io.proximadb.index.hnsw;

import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;

/**
 * A finished HNSW graph, searched with no lock: greedy descent through the upper layers, then a
 * beam search of width {@code ef} on layer 0 (filtered searches: {@link FilteredSearch}). The
 * graph lives in one memory segment laid out as the file is, either off-heap memory this index
 * owns (built) or the caller's mapping (loaded). Thread-safe; a warm search allocates only its
 * result list.
 */
final class HnswIndex implements VectorIndex {

    private final HnswGraph graph;
    private final VectorDistance distance;
    private final LayerSearch search;
    private final FilteredSearch filtered;
    private final ScratchPool pool;
    private final int dimension;
    private final int count;
    private final int entryPoint;
    private final int topLevel;
    /** The arena of a built index's memory; {@code null} when the caller owns it (loaded). */
    private final Arena owned;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Searches that ended in the exact scan, for tests and diagnostics. */
    private final LongAdder exactScans = new LongAdder();

    HnswIndex(HnswGraph graph, VectorDistance distance, int dimension, int entryPoint, int topLevel, Arena owned) {
        this.graph = graph;
        this.distance = distance;
        this.search = new LayerSearch(graph, distance, null);
        this.dimension = dimension;
        this.count = graph.layout.count;
        this.filtered = new FilteredSearch(search, distance, count);
        this.pool = new ScratchPool(count, dimension, graph.layout.m0);
        this.entryPoint = entryPoint;
        this.topLevel = topLevel;
        this.owned = owned;
    }

    @Override
    public List<Neighbor> search(float[] query, int k, IntPredicate accept, Map<String, String> params) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has dimension " + query.length + ", the index has dimension " + dimension);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int ef = HnswParams.ef(params, k);
        if (closed.get()) {
            throw new IllegalStateException("the hnsw index is closed");
        }
        if (count == 0) {
            return List.of();
        }
        SearchScratch scratch = pool.take();
        try {
            float[] prepared = distance.prepare(query, scratch.query);
            scratch.bestNode = entryPoint;
            scratch.bestDistance = distance.distance(prepared, entryPoint);
            for (int level = topLevel; level > 0; level--) {
                search.greedy(prepared, level, scratch);
            }
            if (accept == null) {
                search.beam(prepared, 0, ef, null, Long.MAX_VALUE, scratch);
                if (scratch.results.size() < Math.min(k, count)) {
                    // A node whose last incoming link was pruned cannot be walked to (rare, as in
                    // hnswlib); a query that wants nearly everything must still get everything.
                    filtered.exactScan(prepared, k, null, scratch);
                    exactScans.increment();
                }
            } else if (filtered.search(prepared, k, ef, accept, scratch)) {
                exactScans.increment();
            }
            return nearest(k, scratch);
        } finally {
            pool.release(scratch);
        }
    }

    private static List<Neighbor> nearest(int k, SearchScratch scratch) {
        NodeHeap results = scratch.results;
        while (results.size() > k) {
            results.pop();
        }
        int size = scratch.drainSorted(results);
        List<Neighbor> neighbors = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            neighbors.add(new Neighbor(scratch.sortedNodes[i], scratch.sortedDistances[i]));
        }
        return neighbors;
    }

    /** How many searches fell back to the exact scan of the accepted nodes. */
    long exactScans() {
        return exactScans.sum();
    }

    @Override
    public long writeTo(WritableByteChannel out) throws IOException {
        MemorySegment data = graph.data;
        long size = data.byteSize();
        for (long at = 0; at < size; ) {
            ByteBuffer chunk = data.asSlice(at, Math.min(1 << 20, size - at)).asByteBuffer();
            while (chunk.hasRemaining()) {
                at += out.write(chunk);
            }
        }
        return size;
    }

    @Override
    public long memoryBytes() {
        return graph.data.byteSize() + pool.memoryBytes();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.clear();
            if (owned != null) {
                owned.close();
            }
        }
    }
}
