package io.proximadb.bench.axis;

import io.proximadb.bench.ann.InMemoryVectors;
import io.proximadb.bench.ann.Recall;
import io.proximadb.bench.progress.ProgressBar;
import io.proximadb.index.axis.AdaptiveWidth;
import io.proximadb.index.axis.FeatureSampler;
import io.proximadb.index.axis.ProbeFeatures;
import io.proximadb.index.axis.SegmentFeatures;
import io.proximadb.index.hnsw.AdaptiveSearch;
import io.proximadb.index.hnsw.HnswIndexFactory;
import io.proximadb.index.hnsw.WalkProbe;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What AXIS's per-query model learns from: for each query of each training data set, what its hnsw
 * walk looked like at the probe ({@link ProbeFeatures}) and the narrowest width, of
 * {@link AdaptiveWidth#TRACE_WIDTHS}, with which the same walk finishes having found all k true
 * neighbours. One CSV row per query, on the synthetic training sets only: fashion-mnist is kept
 * for judging the model ({@link AxisBenchmark}).
 */
public final class AdaptiveTraces {

    /** The hnsw m values traced. */
    static final List<Integer> MS = List.of(8, 16, 32);
    static final int K = 10;

    private AdaptiveTraces() {
    }

    public static void run(AxisSweep.Options options, PrintStream out) throws IOException {
        // fashion-mnist stays out: bench axis judges the per-query model on it, a data set it never saw.
        List<SweepData> plan = SweepPlan.training(options.queries(), null)
                .stream().filter(d -> d.metric() == Metric.L2 || d.metric() == Metric.COSINE).toList();
        plan = plan.subList(0, Math.min(options.limit(), plan.size()));
        VectorKernels kernels = VectorKernelsProvider.best();
        long start = System.nanoTime();
        int rows = 0;
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        try (Writer csv = Files.newBufferedWriter(options.out());
             ProgressBar progress = new ProgressBar("axis traces", (long) plan.size() * MS.size(), "builds")) {
            boolean header = true;
            for (SweepData data : plan) {
                float[][][] vectors = data.vectors().get();
                float[][] queries = vectors[1];
                try (InMemoryVectors values = new InMemoryVectors(vectors[0])) {
                    SegmentFeatures features = new FeatureSampler(kernels).sample(values, data.metric(), K, 42);
                    int[][] truth = ExactNeighbors.of(values, data.metric(), queries, K, kernels);
                    for (int m : MS) {
                        IndexSpec spec = new IndexSpec(values.dimension(), data.metric(),
                                Map.of("m", Integer.toString(m), "build_threads", Integer.toString(options.threads())));
                        try (VectorIndex index = new HnswIndexFactory().build(spec, values, kernels)) {
                            AdaptiveSearch adaptive = (AdaptiveSearch) index;
                            for (int q = 0; q < queries.length; q++) {
                                Trace trace = trace(adaptive, queries[q], truth[q]);
                                Map<String, Double> inputs = ProbeFeatures.inputs(features, m, trace.probe());
                                if (header) {
                                    csv.write("dataset,split,query," + String.join(",", inputs.keySet()) + ",log_width_needed\n");
                                    header = false;
                                }
                                StringBuilder line = new StringBuilder(data.id()).append(",train,").append(q);
                                for (double value : inputs.values()) {
                                    line.append(',').append(String.format(Locale.ROOT, "%.6g", value));
                                }
                                line.append(',').append(String.format(Locale.ROOT, "%.6g", Math.log(trace.widthNeeded())));
                                csv.write(line.append('\n').toString());
                                rows++;
                            }
                        }
                        csv.flush();
                        progress.advance(1);
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "{\"datasets\": %d, \"rows\": %d, \"csv\": \"%s\", \"seconds\": %.1f}%n",
                plan.size(), rows, options.out(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * @param probe       the walk at its probe, where the narrow first walk ended
     * @param widthNeeded the narrowest traced width that finds all k, or twice the widest if none does
     */
    record Trace(WalkProbe probe, int widthNeeded) {
    }

    /** Runs one query's walk at each traced width, narrowest first, until one finds all k true neighbours. */
    static Trace trace(AdaptiveSearch index, float[] query, int[] truth) {
        WalkProbe[] seen = new WalkProbe[1];
        for (int width : AdaptiveWidth.TRACE_WIDTHS) {
            List<Neighbor> found = index.searchAdaptive(query, K, AdaptiveWidth.PROBE_DISTANCES, AdaptiveWidth.probeWidth(K),
                    probe -> {
                        seen[0] = probe;
                        return width;
                    }, -1);
            if (Recall.atK(found, truth, K) == 1.0) {
                return new Trace(seen[0], width);
            }
        }
        return new Trace(seen[0], 2 * AdaptiveWidth.MAX_WIDTH);
    }
}
