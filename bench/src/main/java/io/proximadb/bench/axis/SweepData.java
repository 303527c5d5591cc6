package io.proximadb.bench.axis;

import io.proximadb.bench.ann.IdxFiles;
import io.proximadb.spi.record.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A data set of the AXIS sweep or of its held-out evaluation: base vectors, queries and the metric,
 * generated or loaded on demand (the sweep holds one at a time).
 *
 * @param vectors base vectors then queries, made when asked for
 */
record SweepData(String id, Metric metric, Supplier<float[][][]> vectors) {

    static SweepData synthetic(SyntheticSpec spec, int queries) {
        return new SweepData(spec.id(), spec.metric(), () -> spec.generate(queries));
    }

    /**
     * {@code count} base vectors of fashion-mnist drawn at random from its 60,000 training images,
     * and {@code queries} queries from its 10,000 test images; exact neighbours are computed
     * afresh, as the shared ground truth is for the whole base set.
     */
    static SweepData fashionMnist(Path files, int count, int queries, Metric metric, long seed) {
        String id = "fashion-mnist-" + count + "-" + metric.name().toLowerCase(java.util.Locale.ROOT);
        return new SweepData(id, metric, () -> {
            try {
                float[][] base = IdxFiles.readImages(files.resolve("train-images-idx3-ubyte.gz"));
                float[][] tests = IdxFiles.readImages(files.resolve("t10k-images-idx3-ubyte.gz"));
                return new float[][][] {sample(base, count, seed), sample(tests, queries, seed + 1)};
            } catch (IOException e) {
                throw new IllegalStateException("fashion-mnist cannot be read from " + files + ": " + e.getMessage(), e);
            }
        });
    }

    private static float[][] sample(float[][] rows, int size, long seed) {
        int[] order = new int[rows.length];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < Math.min(size, rows.length); i++) {
            int j = i + random.nextInt(rows.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[][] chosen = new float[Math.min(size, rows.length)][];
        for (int i = 0; i < chosen.length; i++) {
            chosen[i] = rows[order[i]];
        }
        return chosen;
    }
}
