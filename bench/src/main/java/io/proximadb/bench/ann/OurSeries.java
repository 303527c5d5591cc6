package io.proximadb.bench.ann;

import io.proximadb.bench.progress.ProgressBar;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * One of our indexes in a run of the benchmark: built through the SPI and warmed up, then measured
 * one round at a time (a pass over the queries for each search setting), so that the rounds of
 * every series, ours and the peers', take turns. Keeps each setting's fastest pass.
 */
final class OurSeries implements AutoCloseable {

    /** The least time a warm-up runs: the JIT has compiled the search's hot loops well before. */
    private static final long WARM_UP_NANOS = 2_000_000_000L;
    /** The most passes a warm-up makes over the queries, for an index so fast that a pass is short. */
    private static final int WARM_UP_MAX_PASSES = 10;

    private final String series;
    private final Map<String, String> buildParams;
    private final VectorIndex index;
    private final double buildSeconds;
    private final double memoryMb;
    private final AnnDataset data;
    private final int queries;
    private final IntPredicate[] accept;
    private final int[][] truth;
    private final List<Map<String, String>> settings;
    private final Pass[] fastest;

    private OurSeries(String series, Map<String, String> buildParams, VectorIndex index, double buildSeconds, double memoryMb,
                      AnnDataset data, int queries, IntPredicate[] accept, int[][] truth, List<Map<String, String>> settings) {
        this.series = series;
        this.buildParams = buildParams;
        this.index = index;
        this.buildSeconds = buildSeconds;
        this.memoryMb = memoryMb;
        this.data = data;
        this.queries = queries;
        this.accept = accept;
        this.truth = truth;
        this.settings = settings;
        this.fastest = new Pass[settings.size()];
    }

    /**
     * The series of {@code built}'s last index, reported with its fastest build, each search setting
     * warmed up; the index is the series' to close from here on.
     */
    static OurSeries warmedUp(OurBuild built, AnnOptions options, AnnDataset data, InMemoryVectors vectors, int queries) {
        VectorIndex index = built.takeIndex();
        try {
            double memoryMb = (index.memoryBytes() + vectors.bytes()) / (1024.0 * 1024.0);
            AnnFilter filter = AnnFilter.of(options.filter());
            IndexRun run = built.run();
            OurSeries series = new OurSeries(run.series(options), built.buildParams(), index, built.fastestSeconds(), memoryMb,
                    data, queries, filter.predicates(data, queries), filter.truth(data, queries, AnnBenchmark.K, built.kernels()),
                    run.searchSettings(options));
            series.settings.forEach(series::warmUp);
            return series;
        } catch (RuntimeException | Error e) {
            index.close();
            throw e;
        }
    }

    String series() {
        return series;
    }

    /**
     * Round {@code round} of {@code rounds}: one measured pass over the queries for every setting
     * in turn, one query at a time on this thread.
     */
    void round(int round, int rounds) {
        for (int i = 0; i < settings.size(); i++) {
            String label = series + " " + settings.get(i) + (rounds == 1 ? "" : " (pass " + round + " of " + rounds + ")");
            Pass measured = measuredPass(settings.get(i), label);
            if (fastest[i] == null || measured.qps() > fastest[i].qps()) {
                fastest[i] = measured;
            }
        }
    }

    /** Each setting's fastest pass so far, as results. */
    List<AnnResult> results(String filter) {
        List<AnnResult> results = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            Map<String, String> params = new LinkedHashMap<>(buildParams);
            params.putAll(settings.get(i));
            results.add(new AnnResult(series, filter, params, queries, buildSeconds, fastest[i].recall(), fastest[i].qps(),
                    fastest[i].p50Ms(), fastest[i].p99Ms(), memoryMb));
        }
        return results;
    }

    /**
     * A warm-up of one setting: one pass over the queries and more until {@value #WARM_UP_NANOS} ns
     * have gone by. With a few thousand fast queries one pass lasts a fraction of a second, before
     * the JIT has finished with the search, and the first setting measured would pay for it.
     */
    private void warmUp(Map<String, String> params) {
        String label = series + " " + params;
        long warmUpStart = System.nanoTime();
        try (ProgressBar progress = new ProgressBar("warm-up " + label, queries, "queries")) {
            for (int q = 0; q < queries; q++) {
                index.search(data.queries()[q], AnnBenchmark.K, accept[q], params);
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
                    index.search(data.queries()[q % queries], AnnBenchmark.K, accept[q % queries], params);
                    progress.advance(1);
                }
            }
        }
    }

    private Pass measuredPass(Map<String, String> params, String label) {
        long[] latencies = new long[queries];
        double recallSum = 0;
        long start;
        long end;
        try (ProgressBar progress = new ProgressBar("search  " + label, queries, "queries")) {
            start = System.nanoTime();
            for (int q = 0; q < queries; q++) {
                long before = System.nanoTime();
                List<Neighbor> found = index.search(data.queries()[q], AnnBenchmark.K, accept[q], params);
                latencies[q] = System.nanoTime() - before;
                recallSum += Recall.atK(found, truth[q], AnnBenchmark.K);
                progress.advance(1);
            }
            end = System.nanoTime();
        }
        return Pass.of(recallSum, latencies, end - start);
    }

    @Override
    public void close() {
        index.close();
    }
}
