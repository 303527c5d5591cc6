package io.proximadb.index.quant.pq;

import io.proximadb.index.cluster.Clustering;
import io.proximadb.index.cluster.KMeans;
import io.proximadb.index.cluster.KMeansParams;
import io.proximadb.index.cluster.ParallelRange;
import io.proximadb.index.cluster.PointSet;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;

/**
 * Trains a {@link ProductQuantizer}: one k-means of 256 centroids per sub-space, at most
 * {@value #MAX_ITERATIONS} iterations each, in squared Euclidean distance whatever the metric
 * (the codewords approximate the vectors; the metric only shapes the distance tables), on at most
 * {@value #MAX_TRAINING_POINTS} points. The sub-spaces are trained in parallel, each on one
 * thread, so the result does not depend on the thread count.
 */
public final class PqTrainer {

    /**
     * 40 points per codeword (faiss warns below 39): more improves the codebooks little, and the
     * training time, which dominates an IVF-PQ build, grows linearly with it.
     */
    public static final int MAX_TRAINING_POINTS = 40 * ProductQuantizer.CODEWORDS;
    /** Lloyd iterations per sub-space at most; the run also stops once under 1 % of the points move. */
    public static final int MAX_ITERATIONS = 10;
    public static final double TOLERANCE = 0.01;

    private PqTrainer() {
    }

    /**
     * @param points     the training vectors (or residuals), at least one; the first
     *                   {@value #MAX_TRAINING_POINTS} are used, so pass them in random order
     * @param subspaces  {@code m}, which must divide the points' dimension
     * @param metric     the metric of the quantizer's distance tables
     * @param seed       seeds each sub-space's k-means++ (with the sub-space's index added)
     * @param threads    threads, one sub-space each
     */
    public static ProductQuantizer train(PointSet points, int subspaces, Metric metric, long seed, int threads,
                                         VectorKernels kernels) {
        int dimension = points.dimension();
        ProductQuantizer.checkSubspaces(dimension, subspaces);
        int n = Math.min(points.size(), MAX_TRAINING_POINTS);
        if (n == 0) {
            throw new IllegalArgumentException("a product quantizer needs at least one training vector");
        }
        int sub = dimension / subspaces;
        float[][] rows = new float[subspaces][n * sub];
        float[] point = new float[dimension];
        for (int i = 0; i < n; i++) {
            points.read(i, point);
            for (int s = 0; s < subspaces; s++) {
                System.arraycopy(point, s * sub, rows[s], i * sub, sub);
            }
        }
        float[] codebooks = new float[dimension * ProductQuantizer.CODEWORDS];
        int codewords = Math.min(ProductQuantizer.CODEWORDS, n);
        ParallelRange.run(subspaces, threads, 1, (from, to) -> {
            for (int s = from; s < to; s++) {
                Clustering clustering = KMeans.train(PointSet.ofRows(rows[s], sub), Metric.L2,
                        new KMeansParams(codewords, MAX_ITERATIONS, TOLERANCE, seed + s, 1), kernels);
                int base = s * ProductQuantizer.CODEWORDS * sub;
                System.arraycopy(clustering.centroids(), 0, codebooks, base, codewords * sub);
                // Fewer points than codewords: repeat codeword 0, which the encoder, preferring the
                // lower index on ties, never chooses over the original.
                for (int c = codewords; c < ProductQuantizer.CODEWORDS; c++) {
                    System.arraycopy(codebooks, base, codebooks, base + c * sub, sub);
                }
            }
        });
        return new ProductQuantizer(dimension, subspaces, codebooks, metric);
    }
}
