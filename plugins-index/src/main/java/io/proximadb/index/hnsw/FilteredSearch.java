package io.proximadb.index.hnsw;

import java.util.function.IntPredicate;

/**
 * Search under a filter, which must still return {@code k} accepted results when there are that
 * many, however few the filter accepts. The rule (docs/indexes.md):
 *
 * <ol>
 *   <li>Estimate how many nodes the filter accepts by testing {@value #SAMPLES} evenly spaced
 *       ordinals.</li>
 *   <li>If that estimate is at most {@value #SCAN_UP_TO_EF_TIMES} times {@code ef}, scan the
 *       accepted nodes exactly: a walk would compute about as many distances.</li>
 *   <li>Otherwise walk the graph with a budget of as many distance computations as the estimate:
 *       a walk that costs more than an exact scan of the accepted nodes has lost its point. While
 *       the filter accepts most nodes, the walk goes through rejected ones too, for connectivity;
 *       below {@value #STEP_OVER_BELOW} of them, it computes distances to accepted nodes only and
 *       steps over a rejected neighbour to that neighbour's accepted ones (ACORN-1).</li>
 *   <li>If the walk ends with fewer than {@code k} results, start it once more from the accepted
 *       nodes of the sample ({@link #restartFromSample}), when there are enough of them.</li>
 *   <li>If the budget runs out, or the walk still ends with fewer than {@code k} results, scan the
 *       accepted nodes exactly.</li>
 * </ol>
 *
 * A wrong estimate costs time, never results: every path ends in the exact scan when the walk
 * cannot deliver.
 */
final class FilteredSearch {

    static final int SAMPLES = 256;
    /** The accepted share below which the walk steps over rejected nodes (as Lucene's filtered search does at 60 %). */
    static final double STEP_OVER_BELOW = 0.6;
    /**
     * Up to this many times {@code ef} accepted nodes, they are scanned exactly: a walk of width
     * {@code ef} computes several times {@code ef} distances (and the walk over accepted nodes reads
     * neighbour lists for each), so it would cost as much and might miss some.
     */
    static final int SCAN_UP_TO_EF_TIMES = 4;
    /**
     * The fewest accepted nodes of the sample a walk restarts from. With the 1 % filter of
     * fashion-mnist (two or three seeds), restarting instead of scanning cost recall@10 0.008 at
     * ef 10; with the 10 % one (about 26 seeds), 0.001, for 7 % more queries per second.
     */
    static final int RESTART_SEEDS = 8;

    private final LayerSearch search;
    private final VectorDistance distance;
    private final int count;

    FilteredSearch(LayerSearch search, VectorDistance distance, int count) {
        this.search = search;
        this.distance = distance;
        this.count = count;
    }

    /**
     * Leaves the (at most) {@code k} nearest accepted nodes in {@code scratch.results}, starting
     * from the layer-0 entry in {@code scratch.bestNode}; returns whether the exact scan ran. The
     * walk takes {@code walk}'s distances (approximate with a quantizer: the caller then reranks),
     * the exact scan float32 distances to the prepared {@code query}.
     */
    boolean search(QueryDistances walk, float[] query, int k, int ef, IntPredicate accept, SearchScratch scratch) {
        long estimate = estimateAccepted(accept);
        if (estimate > SCAN_UP_TO_EF_TIMES * ef) {
            search.start(walk, 0, accept, scratch);
            boolean ended = walk(walk, ef, accept, estimate, scratch);
            if (ended && scratch.results.size() < k) {
                ended = restartFromSample(walk, ef, accept, scratch) && walk(walk, ef, accept, estimate, scratch);
            }
            if (ended && scratch.results.size() >= k) {
                return false;
            }
        }
        exactScan(query, k, accept, scratch);
        return true;
    }

    /**
     * Seeds the walk again, from the accepted nodes among the ordinals {@link #estimateAccepted}
     * samples, after a walk from the graph's entry found fewer than {@code k} accepted nodes. That
     * happens when the query lies deep in a region the filter rejects (a garment whose nearest
     * images all carry another label): no accepted node lies within the two hops the walk steps
     * over, so it ends at once. From accepted seeds the walk closes in on the query through
     * accepted nodes, for a few hundred distances where the exact scan costs one per accepted
     * node. Keeps the distances computed so far against the budget.
     *
     * @return {@code false} if fewer than {@value #RESTART_SEEDS} sampled ordinals are accepted:
     *         from a handful of seeds in a sparse filter the walk misses neighbours the exact scan
     *         (of few nodes, then) finds
     */
    private boolean restartFromSample(QueryDistances walk, int ef, IntPredicate accept, SearchScratch scratch) {
        long computed = scratch.computed;
        scratch.reset();
        scratch.computed = computed;
        if (scratch.excluded >= 0) {
            scratch.visited.visit(scratch.excluded);
        }
        int samples = Math.min(count, SAMPLES);
        for (int i = 0; i < samples; i++) {
            int node = sampled(i, samples);
            if (accept.test(node) && scratch.visited.visit(node)) {
                float d = walk.distance(node);
                scratch.computed++;
                scratch.candidates.push(d, node);
                scratch.results.push(d, node);
                if (scratch.results.size() > ef) {
                    scratch.results.pop();
                }
            }
        }
        return scratch.candidates.size() >= RESTART_SEEDS;
    }

    /**
     * Runs the seeded walk of step 3: over every node while the filter accepts most of them, over
     * the accepted ones alone ({@link LayerSearch#walkAccepted}) once it accepts less than a share
     * of {@value #STEP_OVER_BELOW}, where a walk through rejected nodes would compute mostly
     * distances it cannot use.
     */
    private boolean walk(QueryDistances walk, int ef, IntPredicate accept, long estimate, SearchScratch scratch) {
        if (estimate >= STEP_OVER_BELOW * count) {
            return search.walk(walk, 0, ef, accept, estimate, scratch);
        }
        return search.walkAccepted(walk, ef, accept, estimate, scratch);
    }

    /** The accepted count extrapolated from a sample; exact when the index is no larger than the sample. */
    long estimateAccepted(IntPredicate accept) {
        int samples = Math.min(count, SAMPLES);
        int hits = 0;
        for (int i = 0; i < samples; i++) {
            if (accept.test(sampled(i, samples))) {
                hits++;
            }
        }
        return samples == 0 ? 0 : (long) hits * count / samples;
    }

    /** The {@code i}-th of {@code samples} evenly spaced ordinals. */
    private int sampled(int i, int samples) {
        return (int) ((long) i * count / samples);
    }

    /**
     * The {@code k} nearest accepted nodes ({@code accept} may be {@code null}) by a full scan
     * with float32 distances, into {@code scratch.results}. Exact, so never reranked. The accepted
     * nodes are gathered four at a time for the four-vector kernel: a selective filter leaves them
     * scattered, and four streams of cache misses in flight scan them about twice as fast as one.
     */
    void exactScan(float[] query, int k, IntPredicate accept, SearchScratch scratch) {
        NodeHeap results = scratch.results;
        results.clear();
        int[] gathered = scratch.neighbors; // m0 = 2m >= 4 long, and free: any walk before is over
        int pending = 0;
        for (int node = 0; node < count; node++) {
            if (accept == null || accept.test(node)) {
                gathered[pending++] = node;
                if (pending == 4) {
                    offerExact(query, gathered, pending, k, scratch);
                    pending = 0;
                }
            }
        }
        if (pending > 0) {
            offerExact(query, gathered, pending, k, scratch);
        }
    }

    private void offerExact(float[] query, int[] nodes, int size, int k, SearchScratch scratch) {
        NodeHeap results = scratch.results;
        float[] distances = scratch.batch;
        distance.distances(query, nodes, 0, size, distances);
        for (int j = 0; j < size; j++) {
            float d = distances[j];
            int node = nodes[j];
            if (results.size() < k) {
                results.push(d, node);
            } else if (d < results.topDistance() || (d == results.topDistance() && node < results.topNode())) {
                results.pop();
                results.push(d, node);
            }
        }
    }
}
