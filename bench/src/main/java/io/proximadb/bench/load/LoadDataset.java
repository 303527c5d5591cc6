package io.proximadb.bench.load;

import io.proximadb.bench.ann.IdxFiles;
import io.proximadb.bench.ann.Ivecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The vectors a load run writes and searches: base vectors (record {@code i} has id {@code "i"}),
 * query vectors, and for each query the ordinals of its true nearest base vectors (L2), nearest first.
 */
record LoadDataset(String name, float[][] base, float[][] queries, int[][] gt) {

    int dimension() {
        return base[0].length;
    }

    /**
     * fashion-mnist: the 60,000 training images as base vectors, the 10,000 test images as queries,
     * and {@code gt.ivecs} of the shared datasets checkout as ground truth.
     */
    static LoadDataset fashionMnist(Path files, Path groundTruth) throws IOException {
        float[][] base = IdxFiles.readImages(files.resolve("train-images-idx3-ubyte.gz"));
        float[][] queries = IdxFiles.readImages(files.resolve("t10k-images-idx3-ubyte.gz"));
        Path gtFile = groundTruth.resolve("gt.ivecs");
        if (!Files.isRegularFile(gtFile)) {
            throw new IOException("ground truth " + gtFile + " not found; it lives in the shared datasets checkout"
                    + " beside the repository (../shared/datasets), or pass --ground-truth DIR");
        }
        int[][] gt = Ivecs.read(gtFile);
        if (gt.length != queries.length) {
            throw new IOException(gtFile + " has " + gt.length + " rows for " + queries.length + " queries");
        }
        return new LoadDataset(LoadOptions.FASHION_MNIST, base, queries, gt);
    }

    /**
     * Vectors uniform in [-1, 1], and the exact {@code k} nearest base vectors of each query, found by
     * scanning them all (so this is for small sets: count × queries × dimension operations).
     */
    static LoadDataset synthetic(int dimension, int count, int queries, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] base = random(random, count, dimension);
        float[][] query = random(random, queries, dimension);
        int[][] gt = IntStream.range(0, queries).parallel().mapToObj(q -> nearest(base, query[q], k))
                .toArray(int[][]::new);
        return new LoadDataset(LoadOptions.SYNTHETIC, base, query, gt);
    }

    static float[][] random(SplittableRandom random, int rows, int dimension) {
        float[][] vectors = new float[rows][dimension];
        for (float[] vector : vectors) {
            for (int i = 0; i < dimension; i++) {
                vector[i] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        return vectors;
    }

    /** The ordinals of the {@code k} base vectors nearest to {@code query}, nearest first, ties by ordinal. */
    static int[] nearest(float[][] base, float[] query, int k) {
        int[] best = new int[k];
        double[] distances = new double[k];
        java.util.Arrays.fill(distances, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(best, -1);
        for (int i = 0; i < base.length; i++) {
            double distance = 0;
            for (int d = 0; d < query.length; d++) {
                double diff = base[i][d] - query[d];
                distance += diff * diff;
            }
            if (distance < distances[k - 1]) {
                int at = k - 1;
                while (at > 0 && distances[at - 1] > distance) {
                    distances[at] = distances[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                distances[at] = distance;
                best[at] = i;
            }
        }
        return best;
    }
}
