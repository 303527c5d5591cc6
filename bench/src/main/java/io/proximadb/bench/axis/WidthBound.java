package io.proximadb.bench.axis;

import io.proximadb.bench.ann.Recall;
import io.proximadb.index.hnsw.AdaptiveSearch;
import java.util.List;

/**
 * The most that per-query widths could gain on one graph, whatever chose them: each query walked at
 * every width of the fixed curve, its recall and the distances its walk computed recorded; then each
 * query given the width best for it with its outcome known in advance (recall minus lambda times
 * distances, maximised per query, lambda swept). At a mean recall, the distances a fixed width
 * computes over those of these best widths is the ceiling of any per-query width model on this
 * graph, before the model's own cost, counted in distances rather than time.
 *
 * @param gains the ceiling at each of {@link AdaptiveCurve#LEVELS}; NaN where no width reaches the
 *              level, and where the narrowest reaches it already (the widths measured say nothing
 *              about narrower ones there)
 */
record WidthBound(double[] gains) {

    private static final int LAMBDAS = 400;

    /** Walks every query at every width of {@code widths} on {@code walk} and computes the bound. */
    static WidthBound measure(AdaptiveSearch walk, float[][] queries, int[][] truth, int k, List<Integer> widths) {
        double[][] recall = new double[queries.length][widths.size()];
        double[][] distances = new double[queries.length][widths.size()];
        long[] computed = new long[1];
        for (int w = 0; w < widths.size(); w++) {
            int width = widths.get(w);
            for (int q = 0; q < queries.length; q++) {
                // No distance budget: the walk runs to its end at this width, and the chooser, asked
                // then, keeps the width, so the search ends there; it only reads the distances computed.
                recall[q][w] = Recall.atK(walk.searchAdaptive(queries[q], k, Long.MAX_VALUE, width, probe -> {
                    computed[0] = probe.computed();
                    return width;
                }, -1), truth[q], k);
                distances[q][w] = computed[0];
            }
        }
        return of(recall, distances);
    }

    /** The bound from each query's recall and cost at each width, widths narrowest first. */
    static WidthBound of(double[][] recall, double[][] cost) {
        int queries = recall.length;
        int widths = recall[0].length;
        double[] fixedRecall = new double[widths];
        double[] fixedCost = new double[widths];
        for (int w = 0; w < widths; w++) {
            for (int q = 0; q < queries; q++) {
                fixedRecall[w] += recall[q][w] / queries;
                fixedCost[w] += cost[q][w] / queries;
            }
        }
        // lambda from large to small: cost grows along the curve, as along the fixed one
        double[] bestRecall = new double[LAMBDAS];
        double[] bestCost = new double[LAMBDAS];
        for (int l = 0; l < LAMBDAS; l++) {
            double lambda = Math.exp(Math.log(1e-1) + l * (Math.log(1e-8) - Math.log(1e-1)) / (LAMBDAS - 1));
            for (int q = 0; q < queries; q++) {
                int best = 0;
                for (int w = 1; w < widths; w++) {
                    if (recall[q][w] - lambda * cost[q][w] > recall[q][best] - lambda * cost[q][best]) {
                        best = w;
                    }
                }
                bestRecall[l] += recall[q][best] / queries;
                bestCost[l] += cost[q][best] / queries;
            }
        }
        double[] gains = new double[AdaptiveCurve.LEVELS.length];
        for (int i = 0; i < gains.length; i++) {
            double level = AdaptiveCurve.LEVELS[i];
            gains[i] = fixedRecall[0] >= level ? Double.NaN : AxisBenchmark.costAtRecall(fixedRecall, fixedCost, level)
                    / AxisBenchmark.costAtRecall(bestRecall, bestCost, level);
        }
        return new WidthBound(gains);
    }

    /** The ceiling at mean recall {@code level}, one of {@link AdaptiveCurve#LEVELS}. */
    double at(double level) {
        for (int i = 0; i < AdaptiveCurve.LEVELS.length; i++) {
            if (AdaptiveCurve.LEVELS[i] == level) {
                return gains[i];
            }
        }
        throw new IllegalArgumentException("no bound measured at recall " + level);
    }
}
