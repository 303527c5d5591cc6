package io.proximadb.bench.axis;

import io.proximadb.spi.record.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data sets AXIS's cost model is trained on, and the ones it is judged on, which share none
 * of the training grid's values: other dimensions, intrinsic dimensionalities, cluster counts,
 * spreads, sizes and seeds. Both are fixed here, so that a sweep and an evaluation are
 * reproducible from the repository.
 */
final class SweepPlan {

    private SweepPlan() {
    }

    /**
     * The training grid: dimension × intrinsic dimension × structure (one Gaussian, or 32 tight
     * clusters) × size, the metric alternating between l2 and cosine; and fashion-mnist samples
     * where its files are present.
     */
    static List<SweepData> training(int queries, Path fashionMnist) {
        Map<String, SweepData> sets = new LinkedHashMap<>();
        int index = 0;
        for (int dimension : new int[] {16, 48, 128, 384}) {
            for (int intrinsic : new int[] {4, 16, 64}) {
                for (double[] structure : new double[][] {{1, 1.0}, {32, 0.3}}) {
                    for (int count : new int[] {5_000, 20_000}) {
                        Metric metric = index++ % 2 == 0 ? Metric.L2 : Metric.COSINE;
                        SyntheticSpec spec = new SyntheticSpec(dimension, Math.min(intrinsic, dimension), (int) structure[0],
                                structure[1], count, metric, 1000 + index);
                        sets.putIfAbsent(spec.id().replaceAll("-\\d+$", ""), SweepData.synthetic(spec, queries));
                    }
                }
            }
        }
        List<SweepData> training = new ArrayList<>(sets.values());
        if (fashionMnist != null && Files.isDirectory(fashionMnist)) {
            training.add(SweepData.fashionMnist(fashionMnist, 20_000, queries, Metric.L2, 7));
            training.add(SweepData.fashionMnist(fashionMnist, 8_000, queries, Metric.COSINE, 8));
        }
        return training;
    }

    /** The held-out data sets: values the grid never takes, drawn with other seeds. */
    static List<SweepData> heldOut(int queries) {
        List<SweepData> sets = new ArrayList<>();
        int[][] shapes = { // dimension, intrinsic, clusters, size
                {24, 8, 1, 10_000}, {24, 20, 8, 30_000}, {96, 6, 64, 12_000}, {96, 24, 1, 30_000},
                {96, 40, 8, 8_000}, {200, 10, 1, 15_000}, {200, 32, 64, 25_000}, {256, 12, 8, 10_000},
                {256, 48, 1, 12_000}, {512, 20, 64, 8_000}, {64, 30, 16, 40_000}, {160, 100, 1, 10_000}};
        double[] spreads = {1.0, 0.5, 0.25, 1.0, 0.5, 1.0, 0.2, 0.4, 1.0, 0.25, 0.6, 1.0};
        for (int i = 0; i < shapes.length; i++) {
            int[] s = shapes[i];
            Metric metric = i % 3 == 2 ? Metric.COSINE : Metric.L2;
            sets.add(SweepData.synthetic(new SyntheticSpec(s[0], s[1], s[2], spreads[i], s[3], metric, 9000 + i), queries));
        }
        return sets;
    }
}
