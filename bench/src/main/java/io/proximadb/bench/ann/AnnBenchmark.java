package io.proximadb.bench.ann;

import io.proximadb.bench.plot.LinePlot;
import io.proximadb.bench.progress.BenchResults;
import io.proximadb.bench.progress.ElapsedTicker;
import io.proximadb.kernel.plugin.PluginKind;
import io.proximadb.kernel.plugin.PluginRegistry;
import io.proximadb.spi.index.VectorIndexFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ANN benchmark in the manner of ann-benchmarks: builds each index through the index SPI over a
 * data set's base vectors ({@code --builds} times, taking turns with the peers' builds, the fastest
 * reported), warms each search setting up (at least one pass and 2 s), then measures
 * every series in the same rounds, taking turns, each round one pass over the queries per setting
 * ({@code --passes} rounds, the fastest pass of each setting reported), one query at a time on one
 * thread, and reports recall@10 against the exact ground truth with queries per second and latency.
 * Peers (hnswlib, FAISS) run as separate driver processes on the same vectors, paced round by round
 * with ours ({@link PeerProcess}), and are scored by the same code. Standard output gets one JSON
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
        List<OurSeries> ours = new ArrayList<>();
        List<PeerSeries> peers = new ArrayList<>();
        try (InMemoryVectors vectors = new InMemoryVectors(data.base())) {
            try {
                // Every series is built and warmed up first, then all are measured in the same
                // rounds, taking turns: the machine's speed drifts over minutes, and series measured
                // one after another would each see another machine.
                for (String index : options.indexes()) {
                    List<OurBuild> builds = new ArrayList<>();
                    try {
                        for (IndexRun run : IndexRun.plan(index, options)) {
                            builds.add(new OurBuild(run, factories.get(index), options, vectors));
                        }
                        // Ours and the peers' builds take turns, build by build, for the same
                        // reason the passes do.
                        List<PeerSeries> counterparts = new ArrayList<>();
                        for (int number = 1; number <= options.builds(); number++) {
                            for (OurBuild build : builds) {
                                build.build(number, options.builds());
                            }
                            if (number == 1) {
                                for (String peer : options.peers()) {
                                    for (PeerRun run : PeerRun.plan(peer, List.of(index))) {
                                        PeerSeries started = PeerSeries.start(run, drivers.get(peer), options, queries, peerFiles);
                                        peers.add(started);
                                        counterparts.add(started);
                                    }
                                }
                            } else {
                                for (PeerSeries series : counterparts) {
                                    series.build(number, options.builds());
                                }
                            }
                        }
                        for (OurBuild build : builds) {
                            ours.add(OurSeries.warmedUp(build, options, data, vectors, queries));
                        }
                    } finally {
                        builds.forEach(OurBuild::close);
                    }
                }
                int rounds = options.passes();
                for (int round = 1; round <= rounds; round++) {
                    for (OurSeries series : ours) {
                        series.round(round, rounds);
                    }
                    for (PeerSeries series : peers) {
                        System.err.println("ann: " + series.series() + " round " + round + " of " + rounds);
                        series.round();
                    }
                }
                for (OurSeries series : ours) {
                    csvs.add(report(directory, options, series.series(), series.results(options.filter()), results));
                }
                for (PeerSeries series : peers) {
                    csvs.add(report(directory, options, series.series(), series.results(options, data, queries), results));
                }
            } finally {
                ours.forEach(OurSeries::close);
                peers.forEach(PeerSeries::close);
            }
        }
        Path png = directory.resolve("ann-" + options.dataset() + ".png");
        plot(directory, options.dataset(), png);
        return String.format(Locale.ROOT,
                "{\"benchmark\":\"ann\",\"dataset\":\"%s\",\"k\":%d,\"queries\":%d,\"search_threads\":1,"
                        + "\"build_warm_up\":%d,\"builds\":%d,\"csv\":[%s],\"png\":\"%s\",\"results\":[%s]}",
                options.dataset(), K, queries, options.buildWarmUp(), options.builds(),
                csvs.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(",")), png,
                results.stream().map(AnnResult::toJson).collect(Collectors.joining(",")));
    }

    /** Prints each result as a JSON line, adds them to {@code all} and writes the series' CSV. */
    private static Path report(Path directory, AnnOptions options, String series, List<AnnResult> results, List<AnnResult> all)
            throws IOException {
        for (AnnResult result : results) {
            System.out.println(result.toJson());
        }
        System.out.flush();
        all.addAll(results);
        return writeCsv(directory, options, series, results);
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
