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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * The ANN benchmark in the manner of ann-benchmarks: builds an index through the index SPI over a
 * data set's base vectors, warms each search setting up (at least one pass and 2 s), then measures
 * the settings in rounds of one pass over the queries each ({@code --passes} rounds, the fastest
 * pass of each setting reported), one query at a time on one thread, and reports recall@10 against the exact
 * ground truth with queries per second and latency. Peers (hnswlib, FAISS) run as separate driver
 * processes on the same vectors and are scored by the same code. Standard output gets one JSON
 * line per setting and, last, one JSON object with all of them; a CSV per series and filter and a
 * plot of recall against QPS go to {@code bench/results/}. Method and figures: docs/bench/ann.md.
 */
public final class AnnBenchmark {

    static final int K = 10;

    private AnnBenchmark() {
    }

    /** Runs the benchmark; prints JSON lines as settings finish and returns the final JSON object. */
    public static String run(AnnOptions options) throws Exception {
        Path repository = BenchResults.repository();
        Path directory = BenchResults.directory().toAbsolutePath();
        Path files = options.datasetFiles() != null ? options.datasetFiles() : AnnDataset.FASHION_MNIST_FILES;
        Path groundTruth = options.groundTruth() != null ? options.groundTruth()
                : repository.resolve("..").resolve("shared").resolve("datasets").resolve(options.dataset()).normalize();
        // Every index plugin is looked up first, so that a missing one fails before the data set loads.
        PluginRegistry registry = PluginRegistry.fromClassPath();
        Map<String, VectorIndexFactory> factories = new LinkedHashMap<>();
        for (String index : options.indexes()) {
            factories.put(index, registry.get(PluginKind.INDEX, index));
        }
        DatasetInstaller.ensure(options.dataset(), files, repository);
        // Peers are installed and compiled before the data is loaded, so that a missing package fails fast.
        Map<String, List<String>> drivers = new LinkedHashMap<>();
        for (String peer : options.peers()) {
            drivers.put(peer, PeerDriver.prepare(peer, repository, directory));
        }
        AnnDataset data;
        try (ElapsedTicker ticker = new ElapsedTicker("load " + options.dataset())) {
            data = AnnDataset.fashionMnist(files, groundTruth);
        }
        int queries = options.queries() <= 0 ? data.queries().length : Math.min(options.queries(), data.queries().length);
        PeerFiles peerFiles = drivers.isEmpty() ? null : PeerFiles.write(directory, data);
        List<AnnResult> results = new ArrayList<>();
        List<Path> csvs = new ArrayList<>();
        try (InMemoryVectors vectors = new InMemoryVectors(data.base())) {
            for (String index : options.indexes()) {
                for (IndexRun run : IndexRun.plan(index, options)) {
                    List<AnnResult> series = runOurs(run, factories.get(index), options, data, vectors, queries);
                    csvs.add(writeCsv(directory, options, run.series(options), series));
                    results.addAll(series);
                }
                for (String peer : options.peers()) {
                    for (PeerRun run : PeerRun.plan(peer, List.of(index))) {
                        List<AnnResult> series = runPeer(run, drivers.get(peer), options, data, queries, peerFiles);
                        csvs.add(writeCsv(directory, options, run.series(), series));
                        results.addAll(series);
                    }
                }
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

    /** Builds one of our indexes through the SPI and measures each of its search settings. */
    private static List<AnnResult> runOurs(IndexRun run, VectorIndexFactory factory, AnnOptions options,
                                           AnnDataset data, InMemoryVectors vectors, int queries) throws Exception {
        Map<String, String> buildParams = run.buildParams(options);
        IndexSpec spec = new IndexSpec(vectors.dimension(), Metric.L2, buildParams);
        VectorKernels kernels = VectorKernelsProvider.best();
        List<AnnResult> results = new ArrayList<>();
        VectorIndex index;
        double buildSeconds;
        try (ElapsedTicker ticker = new ElapsedTicker("build " + run.index() + " " + buildParams)) {
            index = factory.build(spec, vectors, kernels);
            buildSeconds = ticker.elapsedSeconds();
        }
        try (index) {
            double memoryMb = (index.memoryBytes() + vectors.bytes()) / (1024.0 * 1024.0);
            AnnFilter filter = AnnFilter.of(options.filter());
            IntPredicate[] accept = filter.predicates(data, queries);
            int[][] truth = filter.truth(data, queries, K, VectorKernelsProvider.best());
            List<Map<String, String>> settings = run.searchSettings(options);
            String series = run.series(options);
            for (Map<String, String> searchParams : settings) {
                warmUp(index, data, queries, accept, searchParams, series + " " + searchParams);
            }
            Pass[] fastest = measureInRounds(index, data, queries, accept, truth, settings, options.passes(), series);
            for (int i = 0; i < settings.size(); i++) {
                Map<String, String> params = new LinkedHashMap<>(buildParams);
                params.putAll(settings.get(i));
                results.add(report(new AnnResult(series, options.filter(), params, queries, buildSeconds,
                        fastest[i].recall(), fastest[i].qps(), fastest[i].p50Ms(), fastest[i].p99Ms(), memoryMb)));
            }
        }
        return results;
    }

    /**
     * Runs a peer's driver over the same vectors and scores its answers against the same ground
     * truth with the same code as ours.
     */
    private static List<AnnResult> runPeer(PeerRun run, List<String> driver, AnnOptions options, AnnDataset data,
                                           int queries, PeerFiles files) throws Exception {
        List<String> command = new ArrayList<>(driver);
        command.addAll(run.arguments(options, files.base(), files.queries(), queries, K, files.answers()));
        System.err.println("ann: running " + run.series() + ": " + String.join(" ", command));
        PeerOutput output = PeerDriver.run(run.series(), command);
        double memoryMb = output.memoryBytes() / (1024.0 * 1024.0);
        List<AnnResult> results = new ArrayList<>();
        for (PeerOutput.Setting setting : output.settings()) {
            PeerAnswers answers = PeerAnswers.read(setting.answers(), queries, K);
            double recallSum = 0;
            for (int q = 0; q < queries; q++) {
                recallSum += Recall.atK(answers.ids()[q], data.gt()[q], K);
            }
            Pass pass = Pass.of(recallSum, answers.latencyNanos(), setting.wallNanos());
            Map<String, String> params = new LinkedHashMap<>(run.buildParams(options));
            params.putAll(setting.params());
            results.add(report(new AnnResult(run.series(), options.filter(), params, queries, output.buildSeconds(),
                    pass.recall(), pass.qps(), pass.p50Ms(), pass.p99Ms(), memoryMb)));
        }
        return results;
    }

    private static AnnResult report(AnnResult result) {
        System.out.println(result.toJson());
        System.out.flush();
        return result;
    }

    /** The least time a warm-up runs: the JIT has compiled the search's hot loops well before. */
    private static final long WARM_UP_NANOS = 2_000_000_000L;
    /** The most passes a warm-up makes over the queries, for an index so fast that a pass is short. */
    private static final int WARM_UP_MAX_PASSES = 10;

    /**
     * A warm-up of one setting: one pass over the queries and more until {@value #WARM_UP_NANOS} ns
     * have gone by. With a few thousand fast queries one pass lasts a fraction of a second, before
     * the JIT has finished with the search, and the first setting measured would pay for it.
     */
    static void warmUp(VectorIndex index, AnnDataset data, int queries, IntPredicate[] accept,
                       Map<String, String> params, String label) {
        long warmUpStart = System.nanoTime();
        try (ProgressBar progress = new ProgressBar("warm-up " + label, queries, "queries")) {
            for (int q = 0; q < queries; q++) {
                index.search(data.queries()[q], K, accept[q], params);
                progress.advance(1);
            }
        }
        long pass = Math.max(1, System.nanoTime() - warmUpStart);
        long remaining = WARM_UP_NANOS - pass;
        int morePasses = remaining <= 0 ? 0 : (int) Math.min(WARM_UP_MAX_PASSES - 1, (remaining + pass - 1) / pass);
        if (morePasses > 0) {
            try (ProgressBar progress = new ProgressBar("warm-up " + label + " (" + morePasses + " more passes)",
                    (long) morePasses * queries, "queries")) {
                for (int q = 0; q < morePasses * queries; q++) {
                    index.search(data.queries()[q % queries], K, accept[q % queries], params);
                    progress.advance(1);
                }
            }
        }
    }

    /**
     * {@code passes} rounds, each one measured pass over the queries for every setting in turn, one
     * query at a time on this thread; returns each setting's fastest pass. In rounds rather than
     * setting after setting because this machine stalls now and then for a few seconds: a stall
     * then costs one pass of several settings, which their other passes make up for, instead of
     * every pass of one setting. The peer drivers measure in the same rounds.
     */
    static Pass[] measureInRounds(VectorIndex index, AnnDataset data, int queries, IntPredicate[] accept,
                                  int[][] truth, List<Map<String, String>> settings, int passes, String series) {
        Pass[] fastest = new Pass[settings.size()];
        for (int p = 1; p <= passes; p++) {
            for (int i = 0; i < settings.size(); i++) {
                String label = series + " " + settings.get(i) + (passes == 1 ? "" : " (pass " + p + " of " + passes + ")");
                Pass measured = measuredPass(index, data, queries, accept, truth, settings.get(i), label);
                if (fastest[i] == null || measured.qps() > fastest[i].qps()) {
                    fastest[i] = measured;
                }
            }
        }
        return fastest;
    }

    private static Pass measuredPass(VectorIndex index, AnnDataset data, int queries, IntPredicate[] accept,
                                     int[][] truth, Map<String, String> params, String label) {
        long[] latencies = new long[queries];
        double recallSum = 0;
        long start;
        long end;
        try (ProgressBar progress = new ProgressBar("search  " + label, queries, "queries")) {
            start = System.nanoTime();
            for (int q = 0; q < queries; q++) {
                long before = System.nanoTime();
                List<Neighbor> found = index.search(data.queries()[q], K, accept[q], params);
                latencies[q] = System.nanoTime() - before;
                recallSum += Recall.atK(found, truth[q], K);
                progress.advance(1);
            }
            end = System.nanoTime();
        }
        return Pass.of(recallSum, latencies, end - start);
    }

    /** {@code ann-<dataset>-<series>[-<filter>].csv}, rewritten by each run of that series. */
    private static Path writeCsv(Path directory, AnnOptions options, String series, List<AnnResult> results)
            throws IOException {
        Path csv = directory.resolve("ann-" + options.dataset() + "-" + series
                + AnnFilter.of(options.filter()).suffix() + ".csv");
        List<String> lines = new ArrayList<>();
        lines.add(AnnResult.CSV_HEADER);
        results.forEach(r -> lines.add(r.toCsv()));
        Files.write(csv, lines);
        return csv;
    }

    /**
     * Plots recall against QPS for every {@code ann-<dataset>-*.csv} in the results directory, the
     * latest run of each series and filter, one line each.
     */
    private static void plot(Path directory, String dataset, Path png) throws IOException {
        LinePlot plot = new LinePlot("ANN " + dataset + ", k = " + K + ", one query at a time on one thread",
                "recall@10", "queries per second", false, true).legendLowerLeft();
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
