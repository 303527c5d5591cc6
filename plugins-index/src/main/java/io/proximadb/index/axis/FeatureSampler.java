package io.proximadb.index.axis;

import io.proximadb.index.cluster.Clustering;
import io.proximadb.index.cluster.KMeans;
import io.proximadb.index.cluster.KMeansParams;
import io.proximadb.index.cluster.PointSet;
import io.proximadb.index.quant.UnitVectors;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Measures {@link SegmentFeatures} on a sample of a segment's vectors, at a cost that does not grow
 * with the segment: {@value #PROBES} probes against {@value #REFERENCES} reference vectors (about
 * 0.1 s at 784 dimensions), and k-means with {@value #CLUSTERS} clusters on the references. The
 * geometry is Euclidean on the vectors as the metric sees them: unit vectors for cosine, L1 for
 * manhattan. The same seed and vectors give the same features.
 */
public final class FeatureSampler {

    static final int PROBES = 200;
    static final int REFERENCES = 4000;
    static final int NEIGHBORS = 10;
    static final int CLUSTERS = 16;

    private final VectorKernels kernels;

    public FeatureSampler(VectorKernels kernels) {
        this.kernels = kernels;
    }

    /** The features of {@code values} for a target stated at {@code k} neighbours. */
    public SegmentFeatures sample(VectorValues values, Metric metric, int k, long seed) {
        int n = values.size();
        if (n < 2) {
            return new SegmentFeatures(n, values.dimension(), metric, 0, 1, 1, 1, k);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] references = distinct(n, Math.min(REFERENCES, n), random);
        int[] probes = Arrays.copyOf(references, Math.min(PROBES, references.length)); // a random subset already
        float[][] points = new float[references.length][];
        double[] norms = new double[references.length];
        for (int i = 0; i < references.length; i++) {
            float[] vector = values.vector(references[i]);
            norms[i] = Math.sqrt(kernels.dot(vector, vector));
            points[i] = metric == Metric.COSINE ? UnitVectors.normalise(vector, new float[vector.length]) : vector;
        }
        double intrinsicSum = 0;
        double contrastSum = 0;
        int measured = 0;
        double[] distances = new double[points.length - 1];
        for (int p = 0; p < probes.length; p++) {
            int count = 0;
            double sum = 0;
            for (int r = 0; r < points.length; r++) {
                if (r != p) {
                    double d = distance(metric, points[p], points[r]);
                    distances[count++] = d;
                    sum += d;
                }
            }
            Arrays.sort(distances, 0, count);
            int neighbors = Math.min(NEIGHBORS, count);
            double nearest = distances[0];
            if (nearest <= 0 || neighbors < 2) {
                continue; // a duplicate: its ratios say nothing of the space
            }
            intrinsicSum += inverseIntrinsic(distances, neighbors);
            contrastSum += (sum / count) / nearest;
            measured++;
        }
        double intrinsic = measured == 0 || intrinsicSum <= 0 ? 1 : measured / intrinsicSum;
        double contrast = measured == 0 ? 1 : contrastSum / measured;
        return new SegmentFeatures(n, values.dimension(), metric, variation(norms), intrinsic, contrast,
                clusterVariance(points, seed), k);
    }

    /**
     * The inverse of one probe's Levina–Bickel estimate, {@code mean_j ln(T_k / T_j)} over its
     * {@code k-1} nearer neighbours; averaging inverses and inverting once is MacKay and
     * Ghahramani's correction of the pooled estimate.
     */
    private static double inverseIntrinsic(double[] sorted, int k) {
        double farthest = sorted[k - 1];
        double sum = 0;
        for (int j = 0; j < k - 1; j++) {
            sum += Math.log(farthest / sorted[j]);
        }
        return sum / (k - 1);
    }

    private double distance(Metric metric, float[] a, float[] b) {
        return metric == Metric.MANHATTAN ? kernels.manhattan(a, b) : Math.sqrt(Math.max(0, kernels.squaredL2(a, b)));
    }

    /** Within-cluster over total sum of squares of the points, after k-means. */
    private double clusterVariance(float[][] points, long seed) {
        int dimension = points[0].length;
        int clusters = Math.min(CLUSTERS, points.length);
        float[] rows = new float[points.length * dimension];
        for (int i = 0; i < points.length; i++) {
            System.arraycopy(points[i], 0, rows, i * dimension, dimension);
        }
        PointSet set = PointSet.ofRows(rows, dimension);
        // Euclidean whatever the metric: cosine's points are unit vectors already.
        Clustering clustering = KMeans.train(set, Metric.L2,
                new KMeansParams(clusters, 10, KMeansParams.DEFAULT_TOLERANCE, seed, 1), kernels);
        double[] mean = new double[dimension];
        for (float[] point : points) {
            for (int d = 0; d < dimension; d++) {
                mean[d] += point[d];
            }
        }
        for (int d = 0; d < dimension; d++) {
            mean[d] /= points.length;
        }
        double total = 0;
        double within = 0;
        for (int i = 0; i < points.length; i++) {
            int label = clustering.labels()[i];
            for (int d = 0; d < dimension; d++) {
                double fromMean = points[i][d] - mean[d];
                double fromCentroid = points[i][d] - clustering.centroids()[label * dimension + d];
                total += fromMean * fromMean;
                within += fromCentroid * fromCentroid;
            }
        }
        return total <= 0 ? 1 : Math.min(1, within / total);
    }

    private static double variation(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        if (mean <= 0) {
            return 0;
        }
        double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElse(0);
        return Math.sqrt(variance) / mean;
    }

    /** {@code size} distinct ordinals of {@code 0..n-1} in random order (a partial Fisher–Yates shuffle). */
    private static int[] distinct(int n, int size, SplittableRandom random) {
        if (size == n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            return all;
        }
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < size) {
            chosen.add(random.nextInt(n));
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }
}
