package io.proximadb.index.cluster;

/**
 * How to run {@link KMeans}.
 *
 * @param clusters      the number of centroids wanted, at least 1; more than the points is an error
 *                      (callers clamp)
 * @param maxIterations Lloyd iterations at most, at least 1
 * @param tolerance     stop early once at most this fraction of the points changed cluster in an
 *                      iteration; 0 runs until no point moves or {@code maxIterations}
 * @param seed          seeds the k-means++ draw: the same points, parameters and seed give the
 *                      same centroids, whatever the thread count
 * @param threads       threads for the assignment steps, at least 1
 */
public record KMeansParams(int clusters, int maxIterations, double tolerance, long seed, int threads) {

    /** Enough for the coarse quantizer of an IVF index: later iterations move few points. */
    public static final int DEFAULT_MAX_ITERATIONS = 20;
    /** One point in a thousand changing cluster is noise, not progress. */
    public static final double DEFAULT_TOLERANCE = 1e-3;

    public KMeansParams {
        if (clusters < 1) {
            throw new IllegalArgumentException("k-means needs at least 1 cluster, got " + clusters);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("k-means needs at least 1 iteration, got " + maxIterations);
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("k-means tolerance must be in [0, 1), got " + tolerance);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("k-means needs at least 1 thread, got " + threads);
        }
    }

    /** The default iterations and tolerance. */
    public static KMeansParams of(int clusters, long seed, int threads) {
        return new KMeansParams(clusters, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, seed, threads);
    }
}
