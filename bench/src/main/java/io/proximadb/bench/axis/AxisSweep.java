package io.proximadb.bench.axis;

import io.proximadb.bench.ann.InMemoryVectors;
import io.proximadb.bench.progress.ProgressBar;
import io.proximadb.index.axis.Candidate;
import io.proximadb.index.axis.FeatureSampler;
import io.proximadb.index.axis.SegmentFeatures;
import io.proximadb.index.flat.FlatIndexFactory;
import io.proximadb.index.hnsw.HnswIndexFactory;
import io.proximadb.index.ivf.IvfIndexFactory;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measurements AXIS's cost model learns from: every candidate configuration at every effort,
 * built and searched on each data set of the training plan, one CSV row each, with the data set's
 * features as AXIS measures them at build time. The CSV is what {@code bench/axis/train_config_model.py}
 * reads; docs/axis.md describes the columns.
 */
public final class AxisSweep {

    /**
     * @param out          the CSV to write
     * @param queries      queries per data set
     * @param threads      build threads (searches run one at a time on one thread)
     * @param fashionMnist Debian's fashion-mnist files, or {@code null} to leave fashion-mnist out
     * @param limit        at most this many data sets (the first of the plan), for quick runs
     */
    public record Options(Path out, int queries, int threads, Path fashionMnist, int limit) {
    }

    static final int K = 10;
    static final Map<String, VectorIndexFactory> INDEXES = Map.of(
            Candidate.FLAT, new FlatIndexFactory(), Candidate.HNSW, new HnswIndexFactory(), Candidate.IVF, new IvfIndexFactory());

    private AxisSweep() {
    }

    /** Runs the sweep, printing progress on standard error and, last, one JSON line on {@code out}. */
    public static void run(Options options, PrintStream out) throws IOException {
        List<SweepData> plan = SweepPlan.training(options.queries(), options.fashionMnist());
        plan = plan.subList(0, Math.min(options.limit(), plan.size()));
        VectorKernels kernels = VectorKernelsProvider.best();
        long start = System.nanoTime();
        int rows = 0;
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        try (Writer csv = Files.newBufferedWriter(options.out());
             ProgressBar progress = new ProgressBar("axis sweep", (long) plan.size() * Candidate.ALL.size(), "builds")) {
            boolean header = true;
            for (SweepData data : plan) {
                float[][][] vectors = data.vectors().get();
                try (InMemoryVectors values = new InMemoryVectors(vectors[0])) {
                    SegmentFeatures features = new FeatureSampler(kernels).sample(values, data.metric(), K, 42);
                    int[][] truth = ExactNeighbors.of(values, data.metric(), vectors[1], K, kernels);
                    IndexMeasurer measurer = new IndexMeasurer(values, vectors[1], truth, K, kernels);
                    for (Candidate candidate : Candidate.ALL) {
                        List<SettingFigures> figures = measurer.measure(INDEXES.get(candidate.family()),
                                spec(candidate, values.dimension(), data, options.threads()), candidate.knob(),
                                candidate.efforts(K));
                        for (SettingFigures figure : figures) {
                            Map<String, Object> row = row(data, features, candidate, figure);
                            if (header) {
                                csv.write(String.join(",", row.keySet()) + "\n");
                                header = false;
                            }
                            csv.write(String.join(",", row.values().stream().map(AxisSweep::cell).toList()) + "\n");
                            rows++;
                        }
                        csv.flush();
                        progress.advance(1);
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "{\"datasets\": %d, \"rows\": %d, \"candidates\": %d, \"csv\": \"%s\", \"seconds\": %.1f}%n",
                plan.size(), rows, Candidate.ALL.size(), options.out(), (System.nanoTime() - start) / 1e9);
    }

    /** The index spec of a candidate: its parameters, and the build threads where the index takes them. */
    static IndexSpec spec(Candidate candidate, int dimension, SweepData data, int threads) {
        Map<String, String> params = new LinkedHashMap<>(candidate.buildParams());
        if (!candidate.exact()) {
            params.put("build_threads", Integer.toString(threads));
        }
        return new IndexSpec(dimension, data.metric(), params);
    }

    /** One CSV row: identification, the model's inputs by name, then the measured figures. */
    static Map<String, Object> row(SweepData data, SegmentFeatures features, Candidate candidate, SettingFigures figure) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("dataset", data.id());
        row.put("split", "train");
        row.put("config", candidate + (candidate.knob() == null ? "" : " " + candidate.knob() + "=" + figure.effort()));
        row.putAll(features.inputs());
        row.putAll(candidate.inputs(figure.effort()));
        row.put("recall", figure.recall());
        row.put("latency_us", figure.latencyMicros());
        row.put("build_s", figure.buildSeconds());
        row.put("memory_bytes", figure.memoryBytes());
        return row;
    }

    private static String cell(Object value) {
        return value instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : value.toString();
    }
}
