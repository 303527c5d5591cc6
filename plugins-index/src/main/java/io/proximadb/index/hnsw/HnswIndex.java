package io.proximadb.index.hnsw;

import io.proximadb.index.common.ScratchPool;
import io.proximadb.index.quant.Quantizer;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>With a quantizer the walk scores the codes stored in that segment instead of the float32
 * vectors, on a beam of width {@code max(ef, rerank)}; the {@code rerank} nearest candidates it
 * finds are then re-scored with the float32 vectors and the {@code k} nearest of those returned,
 * with their exact distances. An exact scan (a sparse filter, or an unreachable node) is exact
 * already and is not reranked.
 */
final class HnswIndex implements VectorIndex, AdaptiveSearch {

    private final HnswGraph graph;
    /** The float32 distances and the filtered search over them; replaced once when a late copy arrives ({@link ResidentShare}). */
    private volatile FloatWalk floats;
    /** The quantizer whose codes the walk scores, or {@code null} to walk on float32 vectors. */
    private final Quantizer quantizer;
    private final LayerSearch search;
    private final ScratchPool<SearchScratch> pool;
    private final int dimension;
    private final int count;
    private final int entryPoint;
    private final int topLevel;
    /**
     * The arena of the memory the index allocated (a built graph, a copy of the vectors); {@code null}
     * when the caller owns all of it (a loaded graph searched over the segment's vectors).
     */
    private final Arena owned;
    /** What the index holds of its factory's budget for a copy of the vectors ({@link ResidentVectors}). */
    private final ResidentShare residentShare;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Searches that ended in the exact scan, for tests and diagnostics. */
    private final LongAdder exactScans = new LongAdder();

    HnswIndex(HnswGraph graph, VectorDistance distance, Quantizer quantizer, int dimension, int entryPoint, int topLevel,
              Arena owned) {
        this(graph, distance, quantizer, dimension, entryPoint, topLevel, owned, ResidentShare.none());
    }

    HnswIndex(HnswGraph graph, VectorDistance distance, Quantizer quantizer, int dimension, int entryPoint, int topLevel,
              Arena owned, ResidentShare residentShare) {
        this.graph = graph;
        this.quantizer = quantizer;
        this.search = new LayerSearch(graph, null);
        this.dimension = dimension;
        this.count = graph.layout.count;
        this.floats = new FloatWalk(distance, new FilteredSearch(search, distance, count));
        int m0 = graph.layout.m0;
        this.pool = new ScratchPool<>(() -> new SearchScratch(graph.layout.count, dimension, m0, HnswParams.DEFAULT_EF),
                SearchScratch::memoryBytes);
        this.entryPoint = entryPoint;
        this.topLevel = topLevel;
        this.owned = owned;
        this.residentShare = residentShare;
        residentShare.onCopy(this::walkCopy);
    }

    /** The float32 distances of a search, and its filtered search over them: read once per search. */
    private record FloatWalk(VectorDistance distance, FilteredSearch filtered) {
    }

    /** Walks {@code copy} from the next search on: a copy of the same vectors, so the same answers. */
    private void walkCopy(ResidentVectors copy) {
        VectorDistance distance = floats.distance().over(copy);
        floats = new FloatWalk(distance, new FilteredSearch(search, distance, count));
    }

    @Override
    public List<Neighbor> search(float[] query, int k, IntPredicate accept, Map<String, String> params) {
        return search(query, k, accept, params, -1);
    }

    @Override
    public List<Neighbor> searchWithout(float[] query, int k, Map<String, String> params, int excluded) {
        return search(query, k, null, params, excluded);
    }

    private List<Neighbor> search(float[] query, int k, IntPredicate accept, Map<String, String> params, int excluded) {
        check(query, k);
        HnswParams.Query asked = HnswParams.query(params, k);
        if (closed.get()) {
            throw new IllegalStateException("the hnsw index is closed");
        }
        if (count == 0) {
            return List.of();
        }
        residentShare.poll();
        FloatWalk floats = this.floats;
        VectorDistance distance = floats.distance();
        FilteredSearch filtered = floats.filtered();
        SearchScratch scratch = pool.take();
        try {
            scratch.excluded = excluded;
            float[] prepared = distance.prepare(query, scratch.query);
            QueryDistances walk;
            int width = asked.ef();
            int rerank = 0;
            if (quantizer == null) {
                walk = scratch.exact(distance, prepared);
            } else {
                walk = codes(scratch).bind(query);
                rerank = asked.rerank() > 0 ? asked.rerank() : quantizer.defaultRerank(k, asked.ef());
                width = Math.max(width, rerank);
            }
            descend(walk, scratch);
            boolean exact;
            if (accept == null) {
                search.beam(walk, 0, width, null, Long.MAX_VALUE, scratch);
                exact = scratch.results.size() < Math.min(k, count - (excluded >= 0 ? 1 : 0));
                if (exact) {
                    // A node whose last incoming link was pruned cannot be walked to (rare, as in
                    // hnswlib); a query that wants nearly everything must still get everything.
                    filtered.exactScan(prepared, k, excluded < 0 ? null : node -> node != excluded, scratch);
                }
            } else {
                exact = filtered.search(walk, prepared, k, width, accept, scratch);
            }
            if (exact) {
                exactScans.increment();
            } else if (quantizer != null) {
                rerank(distance, prepared, k, rerank, scratch);
            }
            return nearest(k, scratch);
        } finally {
            scratch.excluded = -1;
            pool.release(scratch);
        }
    }

    @Override
    public boolean adaptive() {
        return quantizer == null;
    }

    @Override
    public List<Neighbor> searchAdaptive(float[] query, int k, long probeDistances, int probeWidth, WidthChooser chooser,
                                         int excluded) {
        return walkWithout(query, k, excluded, (walk, scratch) -> {
            int probed = Math.max(k, probeWidth);
            boolean ended = search.walk(walk, 0, probed, null, probeDistances, scratch);
            int width = Math.max(k, chooser.width(probe(k, scratch)));
            if (ended && width <= probed) {
                return; // the walk is as wide as asked and has nothing left to expand
            }
            while (scratch.results.size() > width) {
                scratch.results.pop();
            }
            search.walk(walk, 0, width, null, Long.MAX_VALUE, scratch);
        });
    }

    /** Finishes a layer-0 walk that {@link LayerSearch#start} seeded. */
    private interface Layer0Walk {
        void run(QueryDistances walk, SearchScratch scratch);
    }

    /** An unfiltered float32 search whose layer-0 walk is {@code layer0}, with {@code excluded} absent from the graph. */
    private List<Neighbor> walkWithout(float[] query, int k, int excluded, Layer0Walk layer0) {
        check(query, k);
        if (!adaptive()) {
            throw new IllegalStateException("an hnsw index with a quantizer walks on codes and has no adaptive search");
        }
        if (closed.get()) {
            throw new IllegalStateException("the hnsw index is closed");
        }
        if (count == 0 || (count == 1 && excluded == 0)) {
            return List.of();
        }
        residentShare.poll();
        FloatWalk floats = this.floats;
        VectorDistance distance = floats.distance();
        SearchScratch scratch = pool.take();
        try {
            scratch.excluded = excluded;
            float[] prepared = distance.prepare(query, scratch.query);
            QueryDistances walk = scratch.exact(distance, prepared);
            descend(walk, scratch);
            scratch.entryDistance = scratch.bestDistance;
            search.start(walk, 0, null, scratch);
            layer0.run(walk, scratch);
            if (scratch.results.size() < Math.min(k, count - (excluded >= 0 ? 1 : 0))) {
                floats.filtered().exactScan(prepared, k, excluded < 0 ? null : node -> node != excluded, scratch);
                exactScans.increment();
            }
            return nearest(k, scratch);
        } finally {
            scratch.excluded = -1;
            pool.release(scratch);
        }
    }

    /** What the walk in {@code scratch} has found so far. */
    private static WalkProbe probe(int k, SearchScratch scratch) {
        float entryDistance = scratch.entryDistance;
        NodeHeap results = scratch.results;
        float[] distances = scratch.probeDistances(results.size());
        int size = results.copyDistances(distances);
        Arrays.sort(distances, 0, size);
        float frontier = scratch.candidates.isEmpty() ? Float.POSITIVE_INFINITY : scratch.candidates.topDistance();
        float nearest = size == 0 ? Float.POSITIVE_INFINITY : distances[0];
        float kth = size == 0 ? Float.POSITIVE_INFINITY : distances[Math.min(k, size) - 1];
        return new WalkProbe(k, scratch.computed, entryDistance, nearest, kth, frontier);
    }

    /** The greedy descent through the upper layers, leaving layer 0's entry in {@code scratch.bestNode}. */
    private void descend(QueryDistances walk, SearchScratch scratch) {
        scratch.bestNode = entryPoint;
        // An excluded entry is left at once: any neighbour is nearer than infinity.
        scratch.bestDistance = entryPoint == scratch.excluded ? Float.POSITIVE_INFINITY : walk.distance(entryPoint);
        for (int level = topLevel; level > 0; level--) {
            search.greedy(walk, level, scratch);
        }
    }

    private void check(float[] query, int k) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has dimension " + query.length + ", the index has dimension " + dimension);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }

    private CodeQuery codes(SearchScratch scratch) {
        if (scratch.codes == null) {
            scratch.codes = new CodeQuery(quantizer.newScorer(), graph.data, graph.layout.codesOffset, graph.layout.codeStride);
        }
        return scratch.codes;
    }

    /**
     * Replaces the walk's approximate results by the {@code k} nearest of their {@code rerank}
     * nearest, by float32 distance to the prepared query (ties by ordinal, as the exact scan).
     */
    private static void rerank(VectorDistance distance, float[] prepared, int k, int rerank, SearchScratch scratch) {
        NodeHeap results = scratch.results;
        while (results.size() > rerank) {
            results.pop();
        }
        int candidates = scratch.drainSorted(results);
        int[] nodes = scratch.sortedNodes;
        float[] batch = scratch.batch;
        for (int i = 0; i < candidates; i += 4) {
            int batchSize = Math.min(4, candidates - i);
            distance.distances(prepared, nodes, i, batchSize, batch);
            for (int j = 0; j < batchSize; j++) {
                float d = batch[j];
                int node = nodes[i + j];
                if (results.size() < k) {
                    results.push(d, node);
                } else if (d < results.topDistance() || (d == results.topDistance() && node < results.topNode())) {
                    results.pop();
                    results.push(d, node);
                }
            }
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

    /** Bytes of the index's own copy of the vectors, 0 when it searches the segment's. */
    long residentBytes() {
        return residentShare.bytes();
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
        return graph.data.byteSize() + residentShare.bytes() + pool.memoryBytes() + (quantizer == null ? 0 : quantizer.memoryBytes());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.clear();
            try {
                if (owned != null) {
                    owned.close();
                }
            } finally {
                residentShare.close();
            }
        }
    }
}
