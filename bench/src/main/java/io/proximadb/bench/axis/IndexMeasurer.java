package io.proximadb.bench.axis;

import io.proximadb.index.hnsw.AdaptiveSearch;
import io.proximadb.bench.ann.Recall;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.vector.VectorKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds an index over a data set and measures it at each effort: recall against the exact
 * neighbours, and the mean latency of one query at a time on this thread, from the second of two
 * passes over the queries (the first warms the caches and the compiler).
 */
final class IndexMeasurer {

    private final VectorValues values;
    private final float[][] queries;
    private final int[][] truth;
    private final int k;
    private final VectorKernels kernels;

    IndexMeasurer(VectorValues values, float[][] queries, int[][] truth, int k, VectorKernels kernels) {
        this.values = values;
        this.queries = queries;
        this.truth = truth;
        this.k = k;
        this.kernels = kernels;
    }

    /** Walks the queries at each width on {@code walk}: what per-query widths could gain at most there. */
    WidthBound widthBound(AdaptiveSearch walk, List<Integer> widths) {
        return WidthBound.measure(walk, queries, truth, k, widths);
    }

    /**
     * @param knob    the search parameter the efforts are passed as, or {@code null} for none
     * @param efforts the efforts to measure (a single 0 when there is no knob)
     */
    List<SettingFigures> measure(VectorIndexFactory factory, IndexSpec spec, String knob, List<Integer> efforts) {
        long start = System.nanoTime();
        try (VectorIndex index = factory.build(spec, values, kernels)) {
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            List<SettingFigures> figures = new ArrayList<>();
            for (int effort : efforts) {
                Map<String, String> params = knob == null ? Map.of() : Map.of(knob, Integer.toString(effort));
                figures.add(search(index, params, effort, buildSeconds));
            }
            return figures;
        }
    }

    /** The figures of an index already built, searched with {@code params} (build time as given). */
    SettingFigures search(VectorIndex index, Map<String, String> params, int effort, double buildSeconds) {
        pass(index, params, new ArrayList<>());
        List<List<Neighbor>> found = new ArrayList<>(queries.length);
        long start = System.nanoTime();
        pass(index, params, found);
        double micros = (System.nanoTime() - start) / 1e3 / queries.length;
        double recall = 0;
        for (int q = 0; q < queries.length; q++) {
            recall += Recall.atK(found.get(q), truth[q], k);
        }
        return new SettingFigures(effort, recall / queries.length, micros, buildSeconds, index.memoryBytes());
    }

    private void pass(VectorIndex index, Map<String, String> params, List<List<Neighbor>> found) {
        for (float[] query : queries) {
            found.add(index.search(query, k, null, params));
        }
    }
}
