package io.proximadb.bench.axis;

import io.proximadb.bench.ann.Recall;
import io.proximadb.index.hnsw.AdaptiveSearch;
import java.util.ArrayList;
import java.util.List;

/**
 * The most that per-query widths could gain on one graph, whatever chose them among the same widths:
 * each query walked at every width of the fixed curve, its recall and the distances its layer-0
 * walk computed recorded; then each query given the width best for it with its outcome known in
 * advance (recall minus lambda times distances, maximised per query, for every lambda). At a mean
 * recall, the distances a fixed width computes over those of these best widths is the ceiling of a
 * per-query choice among those widths, before the choice's own cost. Counted in layer-0 distances:
 * the descent through the upper layers, the same at every width, is left out, which flatters the
 * ceiling a little; and in distances, not time.
 *
 * @param gains the ceiling at each of {@link AdaptiveCurve#LEVELS}; NaN where no width reaches the
 *              level, and where the narrowest reaches it already (the widths measured say nothing
 *              about narrower ones there)
 */
record WidthBound(double[] gains) {

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

    /**
     * The bound from each query's recall and cost at each width, narrowest first. Each query's best
     * width for a price lambda moves along the upper concave hull of its own (cost, recall) points
     * from the narrowest, one hull segment at a time as lambda falls below the segment's slope; so
     * the mean over queries, as lambda falls, takes every query's segments in order of slope,
     * steepest first. The curve is built from those segments exactly, with no lambda to sample.
     */
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
        List<double[]> segments = new ArrayList<>(); // {slope, mean cost added, mean recall added}
        for (int q = 0; q < queries; q++) {
            int at = 0;
            while (true) {
                int next = -1;
                double steepest = 0;
                for (int w = 0; w < widths; w++) {
                    double gained = recall[q][w] - recall[q][at];
                    double paid = cost[q][w] - cost[q][at];
                    // only a point that gains recall for more distances extends the hull (a wider
                    // walk that gained for no more distances would be free, which it never is)
                    if (gained > 0 && paid > 0 && gained / paid > steepest) {
                        steepest = gained / paid;
                        next = w;
                    }
                }
                if (next < 0) {
                    break;
                }
                segments.add(new double[] {steepest, (cost[q][next] - cost[q][at]) / queries,
                        (recall[q][next] - recall[q][at]) / queries});
                at = next;
            }
        }
        segments.sort((a, b) -> Double.compare(b[0], a[0]));
        double[] bestRecall = new double[segments.size() + 1];
        double[] bestCost = new double[segments.size() + 1];
        bestRecall[0] = fixedRecall[0];
        bestCost[0] = fixedCost[0];
        for (int i = 0; i < segments.size(); i++) {
            bestCost[i + 1] = bestCost[i] + segments.get(i)[1];
            bestRecall[i + 1] = bestRecall[i] + segments.get(i)[2];
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
