package io.proximadb.index.hnsw;

/**
 * The working memory of one search or one insertion: visited stamps, the two heaps of the beam
 * search and small buffers. Reused across searches (see {@link io.proximadb.index.common.ScratchPool}) so that a warm search
 * allocates only its result list. Not thread-safe: one thread at a time.
 */
final class SearchScratch {

    final VisitedSet visited;
    final NodeHeap candidates;
    final NodeHeap results;
    /** One neighbour list, copied out. */
    final int[] neighbors;
    /** Distances of one batch of neighbours. */
    final float[] batch = new float[4];
    /** A neighbour's own list, for a filtered walk's second hop. */
    final int[] secondHop;
    /** The accepted nodes a filtered walk reaches from one node in one or two hops, at most m0. */
    final int[] reached;
    /** The prepared query. */
    final float[] query;
    /** A second prepared vector, for the neighbour-selection heuristic. */
    final float[] other;
    /** Candidates sorted nearest first, for the heuristic. */
    int[] sortedNodes;
    float[] sortedDistances;
    /** The heuristic's choice for the node being inserted, with its distances. */
    final int[] selected;
    final float[] selectedDistances;
    /** A full neighbour list plus one newcomer, and what the heuristic keeps of it. */
    final int[] pruneNodes;
    final float[] pruneDistances;
    final boolean[] pruneChecked;
    final int[] pruned;
    final float[] prunedDistances;
    final boolean[] prunedChecked;

    /** The heuristic's kept nodes, prepared: buffers made on a build's first use, and the vectors in use. */
    private float[][] keptBuffers = new float[0][];
    final float[][] keptVectors;

    /** Exact distances from {@link #query}, made on first use. */
    private FloatQuery exact;
    /** Distances over codes, for an index with a quantizer; made by the index on first use. */
    CodeQuery codes;

    /** Distances the current beam search has computed. */
    long computed;
    /** A node searches must act as if the graph did not hold, or -1 (see {@link AdaptiveSearch}). */
    int excluded = -1;

    /** The results' distances at a walk's probe, sorted there; grown as needed. */
    private float[] probe = new float[0];

    /** The distance of layer 0's entry, where the descent ended, for a probe. */
    float entryDistance;

    /** Where the last greedy step ended: node and distance. */
    int bestNode;
    float bestDistance;

    SearchScratch(int count, int dimension, int m0, int ef) {
        this.visited = new VisitedSet(count);
        this.candidates = new NodeHeap(ef, false);
        this.results = new NodeHeap(ef + 1, true);
        this.neighbors = new int[m0];
        this.secondHop = new int[m0];
        this.reached = new int[m0];
        this.query = new float[dimension];
        this.other = new float[dimension];
        this.sortedNodes = new int[Math.max(ef, m0) + 1];
        this.sortedDistances = new float[sortedNodes.length];
        this.selected = new int[m0];
        this.selectedDistances = new float[m0];
        this.pruneNodes = new int[m0 + 1];
        this.pruneDistances = new float[m0 + 1];
        this.pruneChecked = new boolean[m0 + 1];
        this.pruned = new int[m0];
        this.prunedDistances = new float[m0];
        this.prunedChecked = new boolean[m0];
        this.keptVectors = new float[m0][];
    }

    /** The exact distances of {@code distance}, bound to {@code prepared}. */
    FloatQuery exact(VectorDistance distance, float[] prepared) {
        if (exact == null || !exact.over(distance)) {
            exact = new FloatQuery(distance);
        }
        return exact.bind(prepared);
    }

    /** Forgets the last search: a new visited generation, empty heaps. */
    void reset() {
        computed = 0;
        visited.clear();
        candidates.clear();
        results.clear();
    }

    /**
     * Empties {@code heap} into {@link #sortedNodes} and {@link #sortedDistances}, nearest first
     * and, among equal distances, smaller ordinal first; returns how many.
     */
    int drainSorted(NodeHeap heap) {
        int size = heap.size();
        if (sortedNodes.length < size) {
            sortedNodes = new int[size];
            sortedDistances = new float[size];
        }
        boolean farthestFirst = heap.farthestFirst();
        for (int i = 0; i < size; i++) {
            int at = farthestFirst ? size - 1 - i : i;
            sortedDistances[at] = heap.topDistance();
            sortedNodes[at] = heap.pop();
        }
        orderTiesByOrdinal(size);
        return size;
    }

    /** Insertion sort by ordinal within runs of equal distance: linear when there are no ties. */
    private void orderTiesByOrdinal(int size) {
        for (int i = 1; i < size; i++) {
            int node = sortedNodes[i];
            float distance = sortedDistances[i];
            int j = i - 1;
            while (j >= 0 && sortedDistances[j] == distance && sortedNodes[j] > node) {
                sortedNodes[j + 1] = sortedNodes[j];
                j--;
            }
            sortedNodes[j + 1] = node;
        }
    }

    /** At least {@code count} arrays of the query's dimension, for the heuristic to prepare kept nodes in. */
    float[][] keptBuffers(int count) {
        if (keptBuffers.length < count) {
            keptBuffers = new float[count][query.length];
        }
        return keptBuffers;
    }

    /** An array of at least {@code size} floats for a probe's distances. */
    float[] probeDistances(int size) {
        if (probe.length < size) {
            probe = new float[Math.max(size, 2 * probe.length)];
        }
        return probe;
    }

    long memoryBytes() {
        return visited.memoryBytes() + candidates.memoryBytes() + results.memoryBytes()
                + (long) (neighbors.length + query.length + other.length) * Integer.BYTES
                + (long) (selected.length + pruneNodes.length + pruned.length) * (Integer.BYTES + Float.BYTES)
                + (long) sortedNodes.length * (Integer.BYTES + Float.BYTES) + (long) probe.length * Float.BYTES
                + (long) keptBuffers.length * query.length * Float.BYTES
                + (codes == null ? 0 : codes.memoryBytes());
    }
}
