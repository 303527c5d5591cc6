package io.proximadb.bench.ann;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark data set in memory: base vectors with labels, queries with labels, and for each
 * query the ids of its true nearest base vectors, unfiltered and restricted to the query's label.
 *
 * @param gt          per query, its nearest base ordinals, nearest first
 * @param gtSameLabel the same among base vectors whose label equals the query's
 */
public record AnnDataset(String name, float[][] base, byte[] baseLabels, float[][] queries, byte[] queryLabels,
                  int[][] gt, int[][] gtSameLabel) {

    public static final String FASHION_MNIST = "fashion-mnist";
    /** Where Debian's {@code dataset-fashion-mnist} puts its files. */
    public static final Path FASHION_MNIST_FILES = Path.of("/usr/share/datasets/fashion-mnist");

    /**
     * Loads fashion-mnist from {@code files} (the IDX files) and {@code groundTruth} (the
     * directory holding {@code gt.ivecs} and {@code gt_same_label.ivecs}).
     */
    public static AnnDataset fashionMnist(Path files, Path groundTruth) throws IOException {
        float[][] base = IdxFiles.readImages(files.resolve("train-images-idx3-ubyte.gz"));
        byte[] baseLabels = IdxFiles.readLabels(files.resolve("train-labels-idx1-ubyte.gz"));
        float[][] queries = IdxFiles.readImages(files.resolve("t10k-images-idx3-ubyte.gz"));
        byte[] queryLabels = IdxFiles.readLabels(files.resolve("t10k-labels-idx1-ubyte.gz"));
        int[][] gt = Ivecs.read(requireFile(groundTruth.resolve("gt.ivecs")));
        int[][] gtSameLabel = Ivecs.read(requireFile(groundTruth.resolve("gt_same_label.ivecs")));
        if (base.length != baseLabels.length || queries.length != queryLabels.length
                || gt.length != queries.length || gtSameLabel.length != queries.length) {
            throw new IOException("fashion-mnist files disagree: " + base.length + " base vectors, "
                    + baseLabels.length + " base labels, " + queries.length + " queries, " + queryLabels.length
                    + " query labels, " + gt.length + " and " + gtSameLabel.length + " ground-truth rows");
        }
        return new AnnDataset(FASHION_MNIST, base, baseLabels, queries, queryLabels, gt, gtSameLabel);
    }

    private static Path requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("ground truth " + file + " not found; it lives in the shared datasets checkout"
                    + " beside the repository (../shared/datasets), or pass --ground-truth DIR");
        }
        return file;
    }
}
