package io.proximadb.bench.axis;

import io.proximadb.bench.ann.AnnDataset;
import io.proximadb.bench.ann.DatasetInstaller;
import io.proximadb.bench.ann.InMemoryVectors;
import io.proximadb.bench.plot.LinePlot;
import io.proximadb.bench.progress.BenchResults;
import io.proximadb.bench.progress.ProgressBar;
import io.proximadb.index.axis.AxisIndex;
import io.proximadb.index.axis.AxisIndexFactory;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AXIS judged on data sets it was not trained on: for each held-out set and each target recall,
 * the {@code axis} index is built as a collection would build it (features, plan, build), measured
 * at the effort it chose, and set against the fixed default configuration (hnsw, m = 16,
 * ef_construction = 200) searched at the ef that gives the same recall. Prints a table on standard
 * error, writes a CSV and a plot under bench/results/, and prints one JSON line last.
 */
public final class AxisBenchmark {

    /**
     * @param targets  the target recalls, each a case on every held-out set
     * @param queries  queries per data set
     * @param threads  build threads
     * @param planner  {@code model} or {@code rules}
     * @param limit    at most this many held-out sets
     * @param fashionMnistQueries test queries of fashion-mnist for per-query widths; 0 to leave it out
     */
    public record Options(List<Double> targets, int queries, int threads, String planner, int limit,
                          int fashionMnistQueries) {
    }

    static final int K = 10;
    static final List<Integer> DEFAULT_EFS = List.of(10, 12, 16, 20, 24, 32, 40, 48, 64, 96, 128, 192, 256, 384, 512);

    private AxisBenchmark() {
    }

    public static void run(Options options, PrintStream out) throws IOException {
        List<SweepData> sets = SweepPlan.heldOut(options.queries());
        sets = sets.subList(0, Math.min(options.limit(), sets.size()));
        VectorKernels kernels = VectorKernelsProvider.best();
        AxisIndexFactory axis = new AxisIndexFactory();
        List<HeldOutCase> cases = new ArrayList<>();
        List<AdaptiveCurve> adaptive = new ArrayList<>();
        try (ProgressBar progress = new ProgressBar("axis held-out", (long) sets.size() * (options.targets().size() + 1),
                "builds")) {
            for (SweepData data : sets) {
                float[][][] vectors = data.vectors().get();
                try (InMemoryVectors values = new InMemoryVectors(vectors[0])) {
                    int[][] truth = ExactNeighbors.of(values, data.metric(), vectors[1], K, kernels);
                    IndexMeasurer measurer = new IndexMeasurer(values, vectors[1], truth, K, kernels);
                    // The default configuration, hnsw m = 16, built through axis so that the same graph is
                    // searched at fixed widths and at per-query widths.
                    IndexSpec defaultSpec = new IndexSpec(values.dimension(), data.metric(), Map.of(
                            "candidates", "hnsw-m16", "calibrate", "false",
                            "build_threads", Integer.toString(options.threads())));
                    List<SettingFigures> defaults = new ArrayList<>();
                    long defaultStart = System.nanoTime();
                    try (AxisIndex index = (AxisIndex) axis.build(defaultSpec, values, kernels)) {
                        double buildSeconds = (System.nanoTime() - defaultStart) / 1e9;
                        for (int ef : DEFAULT_EFS) {
                            defaults.add(measurer.search(index, Map.of("ef", Integer.toString(ef)), ef, buildSeconds));
                        }
                        adaptive.add(AdaptiveCurve.measure(data.id(), index, measurer, defaults, buildSeconds));
                    }
                    progress.advance(1);
                    for (double target : options.targets()) {
                        IndexSpec spec = new IndexSpec(values.dimension(), data.metric(), Map.of(
                                "target_recall", Double.toString(target), "planner", options.planner(),
                                "build_threads", Integer.toString(options.threads())));
                        long start = System.nanoTime();
                        try (AxisIndex index = (AxisIndex) axis.build(spec, values, kernels)) {
                            double buildSeconds = (System.nanoTime() - start) / 1e9;
                            SettingFigures figures = measurer.search(index, Map.of(), index.choice().setting().effort(),
                                    buildSeconds);
                            cases.add(new HeldOutCase(data.id(), target, index.describe(), figures,
                                    qpsAtRecall(defaults, figures.recall()), defaults.getFirst().memoryBytes()));
                        }
                        progress.advance(1);
                    }
                }
            }
        }
        if (options.fashionMnistQueries() > 0) {
            adaptive.add(fashionMnist(axis, kernels, options));
        }
        report(cases, adaptive, options, out);
    }

    /**
     * Per-query widths on fashion-mnist, which the per-query model never saw (its traces are the
     * synthetic training sets): the whole base set, the first queries of the test set, recall
     * against the shared ground truth.
     */
    private static AdaptiveCurve fashionMnist(AxisIndexFactory axis, VectorKernels kernels, Options options)
            throws IOException {
        Path repository = BenchResults.repository();
        try {
            DatasetInstaller.ensure(AnnDataset.FASHION_MNIST, AnnDataset.FASHION_MNIST_FILES, repository);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("installing fashion-mnist was interrupted", e);
        }
        AnnDataset data = AnnDataset.fashionMnist(AnnDataset.FASHION_MNIST_FILES,
                repository.resolve("..").resolve("shared").resolve("datasets").resolve(AnnDataset.FASHION_MNIST).normalize());
        int queries = Math.min(options.fashionMnistQueries(), data.queries().length);
        float[][] asked = Arrays.copyOf(data.queries(), queries);
        int[][] truth = Arrays.copyOf(data.gt(), queries);
        try (InMemoryVectors values = new InMemoryVectors(data.base());
             ProgressBar progress = new ProgressBar("axis fashion-mnist", 1, "builds")) {
            IndexMeasurer measurer = new IndexMeasurer(values, asked, truth, K, kernels);
            IndexSpec spec = new IndexSpec(values.dimension(), Metric.L2, Map.of("candidates", "hnsw-m16", "calibrate",
                    "false", "build_threads", Integer.toString(options.threads())));
            long start = System.nanoTime();
            try (AxisIndex index = (AxisIndex) axis.build(spec, values, kernels)) {
                double buildSeconds = (System.nanoTime() - start) / 1e9;
                List<SettingFigures> fixed = new ArrayList<>();
                for (int ef : DEFAULT_EFS) {
                    fixed.add(measurer.search(index, Map.of("ef", Integer.toString(ef)), ef, buildSeconds));
                }
                progress.advance(1);
                return AdaptiveCurve.measure(AnnDataset.FASHION_MNIST, index, measurer, fixed, buildSeconds);
            }
        }
    }

    /**
     * The default's QPS at {@code recall}: latency interpolated linearly in recall between the last
     * ef below it and the first at or above it; 0 when no ef reaches it.
     */
    static double qpsAtRecall(List<SettingFigures> curve, double recall) {
        double latency = costAtRecall(curve.stream().mapToDouble(SettingFigures::recall).toArray(),
                curve.stream().mapToDouble(SettingFigures::latencyMicros).toArray(), recall);
        return Double.isNaN(latency) ? 0 : 1e6 / latency;
    }

    /**
     * The cost at mean recall {@code level} on a curve of points in order of effort: linear between the
     * two points that bracket it, the first point's cost where that reaches it already, NaN where no
     * point does.
     */
    static double costAtRecall(double[] recall, double[] cost, double level) {
        int below = -1;
        for (int i = 0; i < recall.length; i++) {
            if (recall[i] >= level) {
                if (below < 0 || recall[i] == recall[below]) {
                    return cost[i];
                }
                double share = (level - recall[below]) / (recall[i] - recall[below]);
                return cost[below] + share * (cost[i] - cost[below]);
            }
            if (below < 0 || recall[i] > recall[below]) {
                below = i;
            }
        }
        return Double.NaN;
    }

    private static void report(List<HeldOutCase> cases, List<AdaptiveCurve> adaptive, Options options, PrintStream out)
            throws IOException {
        Path directory = BenchResults.directory();
        StringBuilder csv = new StringBuilder("dataset,target,chosen,recall,qps,memory_bytes,build_s,default_qps_same_recall,"
                + "default_memory_bytes,qps_gain,met\n");
        System.err.printf(Locale.ROOT, "%-36s %6s %-44s %7s %9s %9s %7s %5s%n", "held-out data set", "target", "AXIS chose",
                "recall", "qps", "dflt qps", "gain", "met");
        for (HeldOutCase c : cases) {
            csv.append(String.format(Locale.ROOT, "%s,%.3f,%s,%.4f,%.1f,%d,%.3f,%.1f,%d,%.3f,%s%n", c.dataset(), c.target(),
                    c.chosen().replace(',', ';'), c.axis().recall(), c.axis().qps(), c.axis().memoryBytes(),
                    c.axis().buildSeconds(), c.defaultQps(), c.defaultMemory(), c.qpsGain(), c.met()));
            System.err.printf(Locale.ROOT, "%-36s %6.3f %-44s %7.4f %9.0f %9.0f %7.2f %5s%n", c.dataset(), c.target(),
                    c.chosen(), c.axis().recall(), c.axis().qps(), c.defaultQps(), c.qpsGain(), c.met() ? "yes" : "NO");
        }
        String name = "axis-heldout-" + options.planner();
        Files.writeString(directory.resolve(name + ".csv"), csv);
        plot(cases, directory.resolve(name + ".png"));
        AdaptiveCurve.report(adaptive.stream().filter(AdaptiveCurve::measured).toList(), directory);
        // the headline gain is over the held-out synthetic sets; fashion-mnist is reported beside it
        List<AdaptiveCurve> fashion = adaptive.stream().filter(c -> c.dataset().equals(AnnDataset.FASHION_MNIST)).toList();
        List<AdaptiveCurve> synthetic = adaptive.stream().filter(c -> !c.dataset().equals(AnnDataset.FASHION_MNIST)).toList();
        List<AdaptiveCurve> ceilingSets = AdaptiveCurve.bounded(synthetic, 0.95);
        double met = cases.stream().filter(HeldOutCase::met).count() / (double) cases.size();
        double[] gains = cases.stream().mapToDouble(HeldOutCase::qpsGain).filter(Double::isFinite).sorted().toArray();
        double[] memory = cases.stream().mapToDouble(HeldOutCase::memoryRatio).filter(Double::isFinite).sorted().toArray();
        out.printf(Locale.ROOT, "{\"planner\": \"%s\", \"held_out_sets\": %d, \"held_out_cases\": %d, \"targets\": %s,"
                        + " \"held_out_target_met\": %s, \"median_qps_gain_vs_default\": %s,"
                        + " \"geomean_qps_gain_vs_default\": %s, \"median_memory_ratio_vs_default\": %s,"
                        + " \"adaptive_qps_gain\": %s, \"adaptive_qps_gain_at_0_99\": %s, \"adaptive_sets\": %d,"
                        + " \"adaptive_qps_gain_fashion_mnist\": %s, \"adaptive_qps_gain_fashion_mnist_at_0_99\": %s,"
                        + " \"adaptive_width_ceiling\": %s, \"adaptive_qps_gain_on_ceiling_sets\": %s,"
                        + " \"adaptive_ceiling_sets\": %d, \"adaptive_width_ceiling_at_0_99\": %s,"
                        + " \"adaptive_width_ceiling_fashion_mnist\": %s,"
                        + " \"csv\": \"%s\", \"plot\": \"%s\"}%n",
                options.planner(), cases.stream().map(HeldOutCase::dataset).distinct().count(), cases.size(),
                options.targets(), number(met), number(median(gains)), number(geomean(gains)), number(median(memory)),
                number(AdaptiveCurve.geomeanGain(synthetic, 0.95)), number(AdaptiveCurve.geomeanGain(synthetic, 0.99)),
                synthetic.stream().filter(AdaptiveCurve::measured).count(),
                number(AdaptiveCurve.geomeanGain(fashion, 0.95)), number(AdaptiveCurve.geomeanGain(fashion, 0.99)),
                number(AdaptiveCurve.geomeanBound(synthetic, 0.95)), number(AdaptiveCurve.geomeanGain(ceilingSets, 0.95)),
                ceilingSets.size(), number(AdaptiveCurve.geomeanBound(synthetic, 0.99)),
                number(AdaptiveCurve.geomeanBound(fashion, 0.95)),
                directory.resolve(name + ".csv"), directory.resolve(name + ".png"));
    }

    /** Cases where the default cannot reach AXIS's recall at any ef are left off the plot (the CSV has them). */
    private static void plot(List<HeldOutCase> cases, Path file) throws IOException {
        LinePlot plot = new LinePlot("AXIS on held-out data: QPS at the recall it reached, against hnsw m=16 at that recall",
                "held-out case (data set x target)", "queries per second", false, true);
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).defaultQps() > 0) {
                shown.add(i);
            }
        }
        double[] x = shown.stream().mapToDouble(i -> i + 1).toArray();
        plot.add(new LinePlot.Series("axis", x, shown.stream().mapToDouble(i -> cases.get(i).axis().qps()).toArray()));
        plot.add(new LinePlot.Series("hnsw m=16, same recall", x,
                shown.stream().mapToDouble(i -> cases.get(i).defaultQps()).toArray()));
        plot.write(file);
    }

    private static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** A figure for the JSON line: three decimals, or null where it could not be measured (NaN is not JSON). */
    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null";
    }

    static double geomean(double[] values) {
        return values.length == 0 ? Double.NaN : Math.exp(Arrays.stream(values).map(Math::log).average().orElse(0));
    }
}
