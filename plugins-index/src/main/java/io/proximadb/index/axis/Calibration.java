package io.proximadb.index.axis;

import io.proximadb.index.flat.FlatIndexFactory;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Queries for checking a built index against the target before it serves: vectors sampled from the
 * segment itself, each searched for its k nearest others (leave one out), with the exact answers
 * from a scan. A model predicts; this measures, on the very index and data, so the effort AXIS
 * settles on is one it has seen reach the target. On a graph the query's own node must be left
 * out of the walk, not only out of the answers: its links lead straight to its neighbours, which
 * would make every query look easy ({@link Searcher}).
 */
final class Calibration {

    static final int QUERIES = 200;
    /** One-sided 95 % normal quantile: the measured mean must clear the target by this many standard errors. */
    private static final double Z = 1.645;

    private final float[][] queries;
    private final int[] selves;
    private final int[][] truth;
    private final int k;

    private Calibration(float[][] queries, int[] selves, int[][] truth, int k) {
        this.queries = queries;
        this.selves = selves;
        this.truth = truth;
        this.k = k;
    }

    /** Samples up to {@value #QUERIES} vectors of {@code values} and finds their exact k nearest others. */
    static Calibration sample(VectorValues values, Metric metric, VectorKernels kernels, int k, long seed) {
        int n = values.size();
        int count = Math.min(QUERIES, n);
        Set<Integer> chosen = new LinkedHashSet<>();
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        while (chosen.size() < count) {
            chosen.add(random.nextInt(n));
        }
        int[] selves = chosen.stream().mapToInt(Integer::intValue).toArray();
        float[][] queries = new float[count][];
        int[][] truth = new int[count][];
        try (VectorIndex exact = new FlatIndexFactory().build(new IndexSpec(values.dimension(), metric, Map.of()), values,
                kernels)) {
            for (int q = 0; q < count; q++) {
                queries[q] = values.vector(selves[q]).clone();
                truth[q] = others(exact.search(queries[q], k + 1, null, Map.of()), selves[q], k);
            }
        }
        return new Calibration(queries, selves, truth, k);
    }

    /** A search of one calibration query, told which of the index's vectors the query is. */
    @FunctionalInterface
    interface Searcher {
        /**
         * At least k neighbours of {@code query} other than {@code self}: either with {@code self}
         * left out of the walk, or k + 1 with {@code self} among them, which is dropped.
         */
        List<Neighbor> search(float[] query, int self);
    }

    /**
     * What an index answers to the sample through {@code search}.
     *
     * @return the mean recall, less {@value #Z} standard errors
     */
    double lowerRecall(Searcher search) {
        double sum = 0;
        double squares = 0;
        for (int q = 0; q < queries.length; q++) {
            int[] found = others(search.search(queries[q], selves[q]), selves[q], k);
            double recall = overlap(found, truth[q]) / (double) Math.max(1, truth[q].length);
            sum += recall;
            squares += recall * recall;
        }
        int n = queries.length;
        double mean = sum / n;
        double variance = Math.max(0, squares / n - mean * mean);
        return mean - Z * Math.sqrt(variance / n);
    }

    /** Mean nanoseconds per query of {@code search} over the sample, the faster of two passes. */
    long nanosPerQuery(Searcher search) {
        long best = Long.MAX_VALUE;
        for (int pass = 0; pass < 2; pass++) {
            long start = System.nanoTime();
            for (int q = 0; q < queries.length; q++) {
                search.search(queries[q], selves[q]);
            }
            best = Math.min(best, (System.nanoTime() - start) / queries.length);
        }
        return best;
    }

    int k() {
        return k;
    }

    /** The first {@code k} ordinals of {@code found} other than {@code self}. */
    private static int[] others(List<Neighbor> found, int self, int k) {
        return found.stream().mapToInt(Neighbor::ordinal).filter(o -> o != self).limit(k).toArray();
    }

    private static int overlap(int[] found, int[] truth) {
        int hits = 0;
        for (int f : found) {
            for (int t : truth) {
                if (f == t) {
                    hits++;
                    break;
                }
            }
        }
        return hits;
    }
}
