package io.proximadb.bench.load;

import java.util.Arrays;

/**
 * Latency figures of a set of requests: nearest-rank percentiles (the value below which at least
 * that share of the samples lie, always one of the samples), as {@code bench ann} reports them.
 *
 * @param count  samples
 * @param p50Ms  nearest-rank median
 * @param p99Ms  nearest-rank 99th percentile
 * @param maxMs  the largest
 * @param meanMs the mean
 */
record Percentiles(int count, double p50Ms, double p99Ms, double maxMs, double meanMs) {

    static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** The figures of {@code latencyNanos} (not changed), or {@link #NONE} when it is empty. */
    static Percentiles of(long[] latencyNanos) {
        if (latencyNanos.length == 0) {
            return NONE;
        }
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new Percentiles(sorted.length, nearestRank(sorted, 0.50) / 1e6, nearestRank(sorted, 0.99) / 1e6,
                sorted[sorted.length - 1] / 1e6, sum / sorted.length / 1e6);
    }

    /** The smallest sample with at least {@code fraction} of the samples at or below it. */
    static long nearestRank(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
