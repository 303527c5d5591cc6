package io.proximadb.bench.ann;

import io.proximadb.bench.plot.LinePlot;
import io.proximadb.bench.progress.BenchResults;
import io.proximadb.bench.progress.ElapsedTicker;
import io.proximadb.bench.progress.ProgressBar;
import io.proximadb.kernel.plugin.PluginKind;
import io.proximadb.kernel.plugin.PluginRegistry;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * The ANN benchmark in the manner of ann-benchmarks: builds an index through the index SPI over a
 * data set's base vectors, then for each search setting runs a warm-up pass and one measured pass
 * over the queries, one query at a time on one thread, and reports recall@10 against the exact
 * ground truth with queries per second and latency. Standard output gets one JSON line per
 * setting and, last, one JSON object with all of them; a CSV per index and filter and a plot of
 * recall against QPS go to {@code bench/results/}. Method and figures: docs/bench/ann.md.
 */
public final class AnnBenchmark {

    static final int K = 10;

    /**
     * @param dataset        the data set's name; only {@code fashion-mnist} so far
     * @param indexes        index plugin names, built one after the other
     * @param m              hnsw {@code m}
     * @param efConstruction hnsw {@code ef_construction}
     * @param efs            hnsw search {@code ef} values, one setting each
     * @param filter         {@code none} or {@code same-label}
     * @param threads        build threads (hnsw {@code build_threads})
     * @param queries        how many of the queries to run, from the first; 0 or less for all
     * @param datasetFiles   the directory of the data set's files
     * @param groundTruth    the directory of the ground-truth {@code .ivecs} files, or {@code null}
     *                       for {@code <repository>/../shared/datasets/<dataset>}
     */
    public record Options(String dataset, List<String> indexes, int m, int efConstruction, List<Integer> efs,
                          String filter, int threads, int queries, Path datasetFiles, Path groundTruth) {

        public Options {
            if (!AnnDataset.FASHION_MNIST.equals(dataset)) {
                throw new IllegalArgumentException("unknown data set '" + dataset + "'; known: fashion-mnist");
            }
            if (!filter.equals("none") && !filter.equals("same-label")) {
                throw new IllegalArgumentException("unknown filter '" + filter + "'; known: none, same-label");
            }
            if (efs.isEmpty()) {
                throw new IllegalArgumentException("give at least one ef");
            }
        }
    }

    private AnnBenchmark() {
    }

    /** The directory the launcher runs from ({@code PROXIMA_HOME}), else the working directory. */
    static Path repository() {
        String home = System.getenv("PROXIMA_HOME");
        return (home == null ? Path.of("") : Path.of(home)).toAbsolutePath().normalize();
    }

    /** Runs the benchmark; prints JSON lines as settings finish and returns the final JSON object. */
    public static String run(Options options) throws Exception {
        Path repository = repository();
        Path files = options.datasetFiles() != null ? options.datasetFiles() : AnnDataset.FASHION_MNIST_FILES;
        Path groundTruth = options.groundTruth() != null ? options.groundTruth()
                : repository.resolve("..").resolve("shared").resolve("datasets").resolve(options.dataset()).normalize();
        DatasetInstaller.ensure(options.dataset(), files, repository);
        AnnDataset data;
        try (ElapsedTicker ticker = new ElapsedTicker("load " + options.dataset())) {
            data = AnnDataset.fashionMnist(files, groundTruth);
        }
        boolean sameLabel = options.filter().equals("same-label");
        int queries = options.queries() <= 0 ? data.queries().length : Math.min(options.queries(), data.queries().length);
        VectorKernels kernels = VectorKernelsProvider.best();
        PluginRegistry registry = PluginRegistry.fromClassPath();
        List<AnnResult> results = new ArrayList<>();
        Path directory = BenchResults.directory();
        List<Path> csvs = new ArrayList<>();
        try (InMemoryVectors vectors = new InMemoryVectors(data.base())) {
            for (String name : options.indexes()) {
                VectorIndexFactory factory = registry.get(PluginKind.INDEX, name);
                Map<String, Integer> buildParams = buildParams(name, options);
                IndexSpec spec = new IndexSpec(vectors.dimension(), Metric.L2, stringValues(buildParams));
                List<AnnResult> indexResults = new ArrayList<>();
                VectorIndex index;
                double buildSeconds;
                try (ElapsedTicker ticker = new ElapsedTicker("build " + name + " " + buildParams)) {
                    index = factory.build(spec, vectors, kernels);
                    buildSeconds = ticker.elapsedSeconds();
                }
                try (index) {
                    double memoryMb = (index.memoryBytes() + vectors.bytes()) / (1024.0 * 1024.0);
                    for (Map<String, Integer> searchParams : searchSettings(name, options)) {
                        Map<String, Integer> params = new LinkedHashMap<>(buildParams);
                        params.putAll(searchParams);
                        Pass pass = measure(index, data, queries, sameLabel, stringValues(searchParams),
                                name + " " + searchParams);
                        AnnResult result = new AnnResult(name, options.filter(), params, queries, buildSeconds,
                                pass.recall(), pass.qps(), pass.p50Ms(), pass.p99Ms(), memoryMb);
                        System.out.println(result.toJson());
                        System.out.flush();
                        indexResults.add(result);
                    }
                }
                Path csv = directory.resolve("ann-" + options.dataset() + "-" + name
                        + (sameLabel ? "-same-label" : "") + ".csv");
                writeCsv(csv, indexResults);
                csvs.add(csv);
                results.addAll(indexResults);
            }
        }
        Path png = directory.resolve("ann-" + options.dataset() + ".png");
        plot(directory, options.dataset(), png);
        return String.format(Locale.ROOT,
                "{\"benchmark\":\"ann\",\"dataset\":\"%s\",\"k\":%d,\"queries\":%d,\"search_threads\":1,"
                        + "\"csv\":[%s],\"png\":\"%s\",\"results\":[%s]}",
                options.dataset(), K, queries,
                csvs.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(",")), png,
                results.stream().map(AnnResult::toJson).collect(Collectors.joining(",")));
    }

    private static Map<String, Integer> buildParams(String index, Options options) {
        Map<String, Integer> params = new LinkedHashMap<>();
        if (index.equals("hnsw")) {
            params.put("m", options.m());
            params.put("ef_construction", options.efConstruction());
            params.put("build_threads", options.threads());
        }
        return params;
    }

    /** One setting per {@code ef} for hnsw; a single setting without parameters for other indexes. */
    private static List<Map<String, Integer>> searchSettings(String index, Options options) {
        if (!index.equals("hnsw")) {
            return List.of(Map.of());
        }
        return options.efs().stream().map(ef -> Map.of("ef", ef)).toList();
    }

    private static Map<String, String> stringValues(Map<String, Integer> params) {
        Map<String, String> strings = new LinkedHashMap<>();
        params.forEach((key, value) -> strings.put(key, Integer.toString(value)));
        return strings;
    }

    record Pass(double recall, double qps, double p50Ms, double p99Ms) {
    }

    /** A warm-up pass, then the measured one: one query at a time on this thread. */
    static Pass measure(VectorIndex index, AnnDataset data, int queries, boolean sameLabel,
                        Map<String, String> params, String label) {
        IntPredicate[] byLabel = new IntPredicate[256];
        byte[] baseLabels = data.baseLabels();
        for (int l = 0; l < byLabel.length; l++) {
            byte wanted = (byte) l;
            byLabel[l] = ordinal -> baseLabels[ordinal] == wanted;
        }
        int[][] truth = sameLabel ? data.gtSameLabel() : data.gt();
        try (ProgressBar progress = new ProgressBar("warm-up " + label, queries, "queries")) {
            for (int q = 0; q < queries; q++) {
                index.search(data.queries()[q], K, sameLabel ? byLabel[data.queryLabels()[q] & 0xff] : null, params);
                progress.advance(1);
            }
        }
        long[] latencies = new long[queries];
        double recallSum = 0;
        long start;
        long end;
        try (ProgressBar progress = new ProgressBar("search  " + label, queries, "queries")) {
            start = System.nanoTime();
            for (int q = 0; q < queries; q++) {
                IntPredicate accept = sameLabel ? byLabel[data.queryLabels()[q] & 0xff] : null;
                long before = System.nanoTime();
                List<Neighbor> found = index.search(data.queries()[q], K, accept, params);
                latencies[q] = System.nanoTime() - before;
                recallSum += Recall.atK(found, truth[q], K);
                progress.advance(1);
            }
            end = System.nanoTime();
        }
        Arrays.sort(latencies);
        return new Pass(recallSum / queries, queries / ((end - start) / 1e9),
                percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6);
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void writeCsv(Path csv, List<AnnResult> results) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(AnnResult.CSV_HEADER);
        results.forEach(r -> lines.add(r.toCsv()));
        Files.write(csv, lines);
    }

    /**
     * Plots recall against QPS for every {@code ann-<dataset>-*.csv} in the results directory, the
     * latest run of each index and filter, one series each.
     */
    private static void plot(Path directory, String dataset, Path png) throws IOException {
        LinePlot plot = new LinePlot("ANN " + dataset + ", k = " + K + ", one query at a time on one thread",
                "recall@10", "queries per second", false, true);
        List<Path> csvs;
        try (var stream = Files.list(directory)) {
            csvs = stream.filter(p -> p.getFileName().toString().startsWith("ann-" + dataset + "-")
                    && p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        for (Path csv : csvs) {
            List<String> rows = Files.readAllLines(csv).stream().skip(1).filter(l -> !l.isBlank()).toList();
            if (rows.isEmpty()) {
                continue;
            }
            double[] recall = new double[rows.size()];
            double[] qps = new double[rows.size()];
            String series = null;
            for (int i = 0; i < rows.size(); i++) {
                String[] cells = rows.get(i).split(",");
                series = cells[1].equals("none") ? cells[0] : cells[0] + " " + cells[1];
                recall[i] = Double.parseDouble(cells[5]);
                qps[i] = Double.parseDouble(cells[6]);
            }
            plot.add(new LinePlot.Series(series, recall, qps));
        }
        plot.write(png);
    }
}
