package io.proximadb.index.hnsw;

import io.proximadb.index.common.HelperThreads;
import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Inserts every node into the graph (the paper's Algorithm 1), on several threads at once as
 * hnswlib does: each neighbour list is guarded by a striped lock, held only while a list is copied
 * or rewritten and never two at a time, so there is no lock order to get wrong. A node whose
 * layer is above the current top holds the entry lock for its whole insertion, then becomes the
 * entry point. Nodes are handed out in ordinal order from a shared counter.
 *
 * <p>Beside the graph, the build keeps each link's distance and whether the heuristic has checked
 * it ({@link LinkState}), so that a full list gaining a back link is re-chosen from the newcomer's
 * distances alone.
 */
final class HnswBuilder {

    /** Stripes of neighbour-list locks: enough that two threads rarely meet on one. */
    private static final int LOCK_STRIPES = 1 << 12;
    /** Fewer nodes than this per thread and starting the thread costs more than it saves. */
    private static final int NODES_PER_THREAD = 1024;

    private final HnswGraph graph;
    private final VectorDistance distance;
    private final HnswParams params;
    private final byte[] levels;
    private final int dimension;
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final LayerSearch search;
    private final NeighborSelector selector;
    /** Whether a re-choice trusts the pairs checked before; off only to test that trusting them changes nothing. */
    private final boolean skipCheckedPairs;
    private final Object entryLock = new Object();
    /** Entry point in the low 32 bits, its layer in the high 32. */
    private volatile long entry;

    HnswBuilder(HnswGraph graph, VectorDistance distance, HnswParams params, byte[] levels, int dimension) {
        this(graph, distance, params, levels, dimension, true);
    }

    HnswBuilder(HnswGraph graph, VectorDistance distance, HnswParams params, byte[] levels, int dimension,
            boolean skipCheckedPairs) {
        this.skipCheckedPairs = skipCheckedPairs;
        this.graph = graph;
        this.distance = distance;
        this.params = params;
        this.levels = levels;
        this.dimension = dimension;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        this.search = new LayerSearch(graph, locks);
        this.selector = new NeighborSelector(distance);
    }

    int entryPoint() {
        return levels.length == 0 ? -1 : (int) entry;
    }

    int topLevel() {
        return levels.length == 0 ? 0 : (int) (entry >>> 32);
    }

    /** Inserts all nodes; returns when the graph is complete. */
    void insertAll() {
        int count = levels.length;
        if (count == 0) {
            return;
        }
        entry = pack(0, levels[0]);
        // Nodes are handed out one at a time rather than in ParallelRange's contiguous chunks: inserts
        // cost more as the graph grows, and every thread should grow the same graph from the start.
        AtomicInteger next = new AtomicInteger(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Arena buildArena = Arena.ofShared()) {
            LinkState links = new LinkState(graph.layout, buildArena);
            Runnable worker = () -> {
                try {
                    SearchScratch scratch = new SearchScratch(count, dimension, params.m0(), params.efConstruction());
                    for (int node; failure.get() == null && (node = next.getAndIncrement()) < count; ) {
                        insert(node, scratch, links);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            };
            int threads = Math.min(params.threads(), Math.max(1, count / NODES_PER_THREAD));
            Thread[] helpers = new Thread[threads - 1];
            for (int i = 0; i < helpers.length; i++) {
                helpers[i] = Thread.ofPlatform().name("hnsw-build-" + (i + 1)).daemon().start(worker);
            }
            worker.run();
            HelperThreads.joinAndRethrow(helpers, failure, "hnsw build interrupted", "hnsw build failed");
        }
    }

    private void insert(int node, SearchScratch scratch, LinkState links) {
        int level = levels[node];
        if (level > (int) (entry >>> 32)) {
            synchronized (entryLock) {
                long current = entry;
                if (level > (int) (current >>> 32)) {
                    link(node, level, current, scratch, links);
                    entry = pack(node, level);
                    return;
                }
            }
        }
        link(node, level, entry, scratch, links);
    }

    private void link(int node, int level, long from, SearchScratch scratch, LinkState links) {
        int top = (int) (from >>> 32);
        float[] prepared = distance.prepareNode(node, scratch.query);
        // Built on exact distances whatever the quantizer: the graph is only as good as its links.
        QueryDistances query = scratch.exact(distance, prepared);
        scratch.bestNode = (int) from;
        scratch.bestDistance = query.distance(scratch.bestNode);
        for (int l = top; l > level; l--) {
            search.greedy(query, l, scratch);
        }
        for (int l = Math.min(level, top); l >= 0; l--) {
            search.beam(query, l, params.efConstruction(), null, Long.MAX_VALUE, scratch);
            int found = scratch.drainSorted(scratch.results);
            int chosen = selector.select(scratch.sortedNodes, scratch.sortedDistances, found, params.m(),
                    scratch.selected, scratch.selectedDistances, scratch.keptBuffers(params.m()), scratch.keptVectors);
            scratch.bestNode = scratch.sortedNodes[0];
            scratch.bestDistance = scratch.sortedDistances[0];
            // Below m candidates the heuristic keeps them all without comparing them.
            boolean checked = found > params.m();
            synchronized (lock(node)) {
                long list = graph.list(node, l);
                graph.set(list, scratch.selected, chosen);
                for (int i = 0; i < chosen; i++) {
                    links.put(list, i, scratch.selectedDistances[i], checked);
                }
            }
            int capacity = l == 0 ? params.m0() : params.m();
            for (int i = 0; i < chosen; i++) {
                connect(scratch.selected[i], node, prepared, scratch.selectedDistances[i], l, capacity, scratch, links);
            }
        }
    }

    /**
     * Adds the back link {@code from -> node}; a full list is re-chosen with the heuristic, from the
     * distances the build remembers and those of the newcomer, {@code prepared}.
     */
    private void connect(int from, int node, float[] prepared, float distanceToNode, int level, int capacity,
            SearchScratch scratch, LinkState links) {
        synchronized (lock(from)) {
            long list = graph.list(from, level);
            int size = graph.size(list);
            if (size < capacity) {
                graph.append(list, node);
                links.put(list, size, distanceToNode, false);
                return;
            }
            int[] nodes = scratch.pruneNodes;
            float[] distances = scratch.pruneDistances;
            boolean[] checked = scratch.pruneChecked;
            graph.copy(list, nodes);
            for (int i = 0; i < size; i++) {
                distances[i] = links.distance(list, i);
                checked[i] = skipCheckedPairs && links.checked(list, i);
            }
            nodes[size] = node;
            distances[size] = distanceToNode;
            checked[size] = false;
            NeighborSelector.sortNearestFirst(nodes, distances, checked, size + 1);
            int kept = selector.reselect(nodes, distances, checked, size + 1, capacity, scratch.pruned,
                    scratch.prunedDistances, scratch.prunedChecked, node, prepared, scratch.other);
            graph.set(list, scratch.pruned, kept);
            for (int i = 0; i < kept; i++) {
                links.put(list, i, scratch.prunedDistances[i], true);
            }
        }
    }

    private Object lock(int node) {
        return locks[node & (LOCK_STRIPES - 1)];
    }

    private static long pack(int node, int level) {
        return ((long) level << 32) | (node & 0xFFFFFFFFL);
    }
}
