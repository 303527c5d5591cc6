package io.proximadb.index.cluster;

import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lloyd's k-means with k-means++ seeding (Arthur and Vassilvitskii, 2007), the coarse quantizer of
 * the IVF index and the codebook trainer of the product quantizer.
 *
 * <ul>
 *   <li><b>Seeding:</b> the first centre is a uniformly drawn point, each next one a point drawn
 *       with probability proportional to its squared Euclidean distance to the nearest centre so
 *       far (on unit vectors for cosine, where it is {@code 2 × (1 - cos)}).</li>
 *   <li><b>Iterations:</b> assign every point to its nearest centroid under the metric (in
 *       parallel), move each centroid to the mean of its points (sequentially, in double, so that
 *       the result does not depend on the thread count), repeat. For cosine the means are scaled
 *       back to unit length (spherical k-means). The run stops when at most
 *       {@link KMeansParams#tolerance()} of the points changed cluster, or at the iteration limit;
 *       either way it ends with an assignment, so every returned label is its point's nearest
 *       centroid.</li>
 *   <li><b>Empty clusters:</b> a centroid left without points takes over the point of the largest
 *       cluster that lies farthest from that cluster's centroid, which splits the largest cluster.
 *       A cluster can stay empty only when the points have fewer distinct values than clusters.</li>
 * </ul>
 *
 * Deterministic: the same points, parameters and seed give the same centroids and labels. The
 * points must be prepared for the metric by the caller (unit vectors for cosine).
 */
public final class KMeans {

    /** Points per thread below which a second thread does not pay. */
    private static final int POINTS_PER_THREAD = 256;
    /** Points compared together against one block of centroids; see {@link #assign}. */
    private static final int POINT_BLOCK = 32;
    /** Bytes of centroids per block: with 32 points of the same dimension, a few hundred KiB of cache. */
    private static final int CENTROID_BLOCK_BYTES = 128 * 1024;
    /** k-means++ seeds from at most this many points per centroid, drawn at random (see {@link #seed}). */
    private static final int SEEDING_POINTS_PER_CLUSTER = 4;
    /** Up to this dimension, L2 distances go through the transposed loop rather than the kernels. */
    private static final int TRANSPOSED_MAX_DIMENSION = 32;

    private KMeans() {
    }

    public static Clustering train(PointSet points, Metric metric, KMeansParams params, VectorKernels kernels) {
        int n = points.size();
        int k = params.clusters();
        int dimension = points.dimension();
        if (k > n) {
            throw new IllegalArgumentException("k-means cannot make " + k + " clusters of " + n + " points");
        }
        float[] centroids = seed(points, k, params, kernels);
        int[] labels = new int[n];
        float[] distances = new float[n];
        java.util.Arrays.fill(labels, -1);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment segment = metric == Metric.L2 && dimension <= TRANSPOSED_MAX_DIMENSION ? null
                    : arena.allocate((long) k * dimension * Float.BYTES, 64);
            assign(points, nearest(centroids, k, dimension, metric, kernels, segment), labels, distances, params.threads());
            int iterations = 0;
            boolean converged = false;
            while (iterations < params.maxIterations()) {
                update(points, metric, labels, distances, centroids, k);
                iterations++;
                int changed = assign(points, nearest(centroids, k, dimension, metric, kernels, segment), labels, distances,
                        params.threads());
                if (changed <= params.tolerance() * n) {
                    converged = true;
                    break;
                }
            }
            return new Clustering(centroids, k, dimension, labels, iterations, converged);
        }
    }

    /**
     * Assigns every point to its nearest centroid (ties: the lower index); returns how many points
     * changed cluster. Points are taken {@value #POINT_BLOCK} at a time against blocks of about
     * {@value #CENTROID_BLOCK_BYTES} bytes of centroids, so that both stay in the core's cache
     * while every pair is compared: a thousand high-dimensional centroids do not fit it, and
     * streaming them from memory once per point would make the assignment memory-bound.
     */
    public static int assign(PointSet points, NearestCentroid nearest, int[] labels, float[] distances, int threads) {
        AtomicInteger changed = new AtomicInteger();
        int dimension = points.dimension();
        int k = nearest.count();
        int centroidBlock = Math.max(4, CENTROID_BLOCK_BYTES / (dimension * Float.BYTES) & ~3);
        ParallelRange.run(points.size(), threads, POINTS_PER_THREAD, (from, to) -> {
            float[][] block = new float[POINT_BLOCK][dimension];
            float[] all = new float[k];
            int[] best = new int[POINT_BLOCK];
            float[] bestDistance = new float[POINT_BLOCK];
            float[] four = new float[4];
            Centroids stored = nearest instanceof Centroids centroids ? centroids : null;
            int moved = 0;
            for (int first = from; first < to; first += POINT_BLOCK) {
                int size = Math.min(POINT_BLOCK, to - first);
                for (int p = 0; p < size; p++) {
                    points.read(first + p, block[p]);
                    best[p] = -1;
                }
                for (int c0 = 0; c0 < k; c0 += centroidBlock) {
                    int c1 = Math.min(k, c0 + centroidBlock);
                    for (int p = 0; p < size; p++) {
                        if (stored != null) {
                            stored.distances(block[p], all, c0, c1, four);
                        } else {
                            nearest.distances(block[p], all, c0, c1);
                        }
                        int bestC = best[p];
                        float bestD = bestC < 0 ? Float.POSITIVE_INFINITY : bestDistance[p];
                        for (int c = c0; c < c1; c++) {
                            float d = all[c];
                            boolean nearer = d < bestD;
                            bestC = nearer ? c : bestC;
                            bestD = nearer ? d : bestD;
                        }
                        // A NaN distance (a NaN in the data) never wins; the point still gets a list.
                        best[p] = bestC < 0 ? c0 : bestC;
                        bestDistance[p] = bestD;
                    }
                }
                for (int p = 0; p < size; p++) {
                    int i = first + p;
                    if (labels[i] != best[p]) {
                        labels[i] = best[p];
                        moved++;
                    }
                    distances[i] = bestDistance[p];
                }
            }
            changed.addAndGet(moved);
        });
        return changed.get();
    }

    private static NearestCentroid nearest(float[] centroids, int k, int dimension, Metric metric, VectorKernels kernels,
                                           MemorySegment segment) {
        if (segment == null) {
            return new TransposedL2(centroids, k, dimension);
        }
        MemorySegment.copy(centroids, 0, segment, VectorKernels.STORED_FLOAT, 0, centroids.length);
        return new Centroids(segment, 0, k, dimension, metric, kernels);
    }

    /**
     * k-means++: each next centre drawn with probability proportional to its squared distance to
     * the chosen ones. Seeding costs a pass over its points per centre, k passes in all, so it
     * draws from a random subset of {@code max(4k, 1024)} points: the Lloyd iterations that follow
     * see every point, and the seeds only need to be spread out.
     */
    private static float[] seed(PointSet points, int k, KMeansParams params, VectorKernels kernels) {
        int n = points.size();
        int dimension = points.dimension();
        SplittableRandom random = new SplittableRandom(params.seed());
        int[] candidates = subset(n, (int) Math.min(n, Math.max((long) SEEDING_POINTS_PER_CLUSTER * k, 1024)), random);
        int m = candidates.length;
        float[] centroids = new float[k * dimension];
        float[] centre = new float[dimension];
        points.read(candidates[random.nextInt(m)], centre);
        System.arraycopy(centre, 0, centroids, 0, dimension);
        float[] nearest = new float[m];
        java.util.Arrays.fill(nearest, Float.POSITIVE_INFINITY);
        float[] scratch = new float[dimension];
        for (int c = 1; c < k; c++) {
            // Sequential on purpose: k short passes would spend more on handing work to threads
            // (a scheduling delay each, on a loaded machine) than on the distances.
            for (int i = 0; i < m; i++) {
                nearest[i] = Math.min(nearest[i], points.squaredDistance(centre, candidates[i], scratch));
            }
            double total = 0;
            for (float d : nearest) {
                total += d;
            }
            int next;
            if (total > 0) {
                double target = random.nextDouble() * total;
                next = -1;
                double running = 0;
                for (int i = 0; i < m && next < 0; i++) {
                    running += nearest[i];
                    if (running > target && nearest[i] > 0) {
                        next = i;
                    }
                }
                if (next < 0) {
                    // Rounding left the target past the sum: take the last point not yet chosen.
                    next = m - 1;
                    while (nearest[next] == 0) {
                        next--;
                    }
                }
            } else {
                // Every candidate equals a chosen centre: there is nothing left to spread over.
                next = random.nextInt(m);
            }
            points.read(candidates[next], centre);
            System.arraycopy(centre, 0, centroids, c * dimension, dimension);
        }
        return centroids;
    }

    /** {@code size} distinct indexes of {@code 0 … n-1}, uniformly at random (all of them, in order, when size is n). */
    private static int[] subset(int n, int size, SplittableRandom random) {
        int[] indexes = new int[n];
        for (int i = 0; i < n; i++) {
            indexes[i] = i;
        }
        if (size == n) {
            return indexes;
        }
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int swap = indexes[i];
            indexes[i] = indexes[j];
            indexes[j] = swap;
        }
        return java.util.Arrays.copyOf(indexes, size);
    }

    /** Moves each centroid to the mean of its points; empty clusters split the largest one. */
    private static void update(PointSet points, Metric metric, int[] labels, float[] distances, float[] centroids, int k) {
        int n = points.size();
        int dimension = points.dimension();
        double[] sums = new double[k * dimension];
        int[] counts = new int[k];
        float[] point = new float[dimension];
        for (int i = 0; i < n; i++) {
            points.read(i, point);
            int base = labels[i] * dimension;
            for (int d = 0; d < dimension; d++) {
                sums[base + d] += point[d];
            }
            counts[labels[i]]++;
        }
        for (int empty = 0; empty < k; empty++) {
            if (counts[empty] == 0) {
                split(points, labels, distances, sums, counts, empty, point);
            }
        }
        for (int c = 0; c < k; c++) {
            int base = c * dimension;
            double scale = 1.0 / counts[c];
            if (metric == Metric.COSINE) {
                double norm = 0;
                for (int d = 0; d < dimension; d++) {
                    norm += sums[base + d] * sums[base + d];
                }
                // The direction of the mean is the spherical centroid; a zero mean keeps the old one.
                if (norm == 0) {
                    continue;
                }
                scale = 1 / Math.sqrt(norm);
            }
            for (int d = 0; d < dimension; d++) {
                centroids[base + d] = (float) (sums[base + d] * scale);
            }
        }
    }

    /** Gives cluster {@code empty} the member of the largest cluster farthest from that cluster's centroid. */
    private static void split(PointSet points, int[] labels, float[] distances, double[] sums, int[] counts, int empty,
                              float[] point) {
        int largest = 0;
        for (int c = 1; c < counts.length; c++) {
            if (counts[c] > counts[largest]) {
                largest = c;
            }
        }
        int farthest = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == largest && (farthest < 0 || distances[i] > distances[farthest])) {
                farthest = i;
            }
        }
        int dimension = points.dimension();
        points.read(farthest, point);
        for (int d = 0; d < dimension; d++) {
            sums[largest * dimension + d] -= point[d];
            sums[empty * dimension + d] = point[d];
        }
        counts[largest]--;
        counts[empty] = 1;
        labels[farthest] = empty;
        distances[farthest] = 0;
    }
}
