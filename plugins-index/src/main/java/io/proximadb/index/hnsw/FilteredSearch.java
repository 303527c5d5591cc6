package io.proximadb.index.hnsw;

import java.util.function.IntPredicate;

/**
 * Search under a filter, which must still return {@code k} accepted results when there are that
 * many, however few the filter accepts. The rule (docs/indexes.md):
 *
 * <ol>
 *   <li>Estimate how many nodes the filter accepts by testing {@value #SAMPLES} evenly spaced
 *       ordinals.</li>
 *   <li>If that estimate is at most {@code ef}, scan the accepted nodes exactly: the walk would
 *       have to find nearly all of them anyway.</li>
 *   <li>Otherwise walk the graph, rejected nodes included for connectivity, with a budget of as
 *       many distance computations as the estimate: a walk that costs more than an exact scan of
 *       the accepted nodes has lost its point.</li>
 *   <li>If the budget runs out, or the walk ends with fewer than {@code k} results, scan the
 *       accepted nodes exactly.</li>
 * </ol>
 *
 * A wrong estimate costs time, never results: every path ends in the exact scan when the walk
 * cannot deliver.
 */
final class FilteredSearch {

    static final int SAMPLES = 256;

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
        if (estimate > ef && search.beam(walk, 0, ef, accept, estimate, scratch) && scratch.results.size() >= k) {
            return false;
        }
        exactScan(query, k, accept, scratch);
        return true;
    }

    /** The accepted count extrapolated from a sample; exact when the index is no larger than the sample. */
    long estimateAccepted(IntPredicate accept) {
        int samples = Math.min(count, SAMPLES);
        int hits = 0;
        for (int i = 0; i < samples; i++) {
            if (accept.test((int) ((long) i * count / samples))) {
                hits++;
            }
        }
        return samples == 0 ? 0 : (long) hits * count / samples;
    }

    /**
     * The {@code k} nearest accepted nodes ({@code accept} may be {@code null}) by a full scan
     * with float32 distances, into {@code scratch.results}. Exact, so never reranked.
     */
    void exactScan(float[] query, int k, IntPredicate accept, SearchScratch scratch) {
        NodeHeap results = scratch.results;
        results.clear();
        for (int node = 0; node < count; node++) {
            if (accept == null || accept.test(node)) {
                float d = distance.distance(query, node);
                if (results.size() < k) {
                    results.push(d, node);
                } else if (d < results.topDistance() || (d == results.topDistance() && node < results.topNode())) {
                    results.pop();
                    results.push(d, node);
                }
            }
        }
    }
}
