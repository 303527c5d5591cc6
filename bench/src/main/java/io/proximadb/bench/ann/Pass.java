package io.proximadb.bench.ann;

import java.util.Arrays;

/**
 * The figures of one measured pass over the queries, computed the same way for our indexes and for
 * the peers, from the per-query latencies and recalls.
 *
 * @param recall mean recall@k over the queries
 * @param qps    queries / wall time of the pass
 * @param p50Ms  nearest-rank median of the per-query latencies
 * @param p99Ms  nearest-rank 99th percentile of the per-query latencies
 */
record Pass(double recall, double qps, double p50Ms, double p99Ms) {

    /** @param latencyNanos per query; sorted in place */
    static Pass of(double recallSum, long[] latencyNanos, long wallNanos) {
        int queries = latencyNanos.length;
        Arrays.sort(latencyNanos);
        return new Pass(recallSum / queries, queries / (wallNanos / 1e9),
                percentile(latencyNanos, 0.50) / 1e6, percentile(latencyNanos, 0.99) / 1e6);
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
