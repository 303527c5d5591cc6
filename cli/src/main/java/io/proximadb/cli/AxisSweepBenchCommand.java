package io.proximadb.cli;

import io.proximadb.bench.ann.DatasetInstaller;
import io.proximadb.bench.axis.AdaptiveTraces;
import io.proximadb.bench.axis.AxisSweep;
import io.proximadb.bench.progress.BenchResults;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The measurements AXIS's cost model is trained on. */
@Command(name = "axis-sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Builds every configuration AXIS chooses among (flat; hnsw m 8, 16, 32; hnsw m 16 with",
                "sq8; ivf flat, sq8 and pq) on each training data set, and searches it at every effort",
                "AXIS weighs (ef 10 to 512, nprobe 1 to 128), one query at a time on one thread after a",
                "warm-up pass: recall@10 against exact search, latency, build time and memory, with the",
                "data set's features as AXIS measures them. The training sets are synthetic (dimension",
                "16 to 384, intrinsic dimension 4 to 64, one Gaussian or 32 clusters, 5,000 and 20,000",
                "vectors, l2 and cosine) and samples of fashion-mnist (installed when missing).",
                "Writes bench/results/axis-sweep.csv; prints progress, then one JSON line.",
                "Train the model from it with bench/axis/train_config_model.py (docs/axis.md).",
                "With --per-query, instead traces hnsw walks (m 8, 16, 32) on the l2 and cosine sets for",
                "the per-query model: for each query, its walk at the probe and the narrowest width that",
                "finds all 10 true neighbours; writes bench/results/axis-traces.csv, which",
                "bench/axis/train_query_model.py trains on.",
                ""})
final class AxisSweepBenchCommand implements Runnable {

    @Option(names = "--queries", defaultValue = "200", description = "Queries per data set (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--threads", description = "Build threads (default: all cores).")
    Integer threads;

    @Option(names = "--limit", defaultValue = "1000", description = "Only the first N data sets of the plan (default: all).")
    int limit;

    @Option(names = "--no-fashion-mnist", description = "Leave fashion-mnist out of the training sets.")
    boolean noFashionMnist;

    @Option(names = "--dataset-dir", defaultValue = "/usr/share/datasets/fashion-mnist",
            description = "fashion-mnist's files (default: ${DEFAULT-VALUE}).")
    Path fashionMnist;

    @Option(names = "--per-query", description = "Trace walks for the per-query model instead.")
    boolean perQuery;

    @Option(names = "--out", description = "The CSV (default: bench/results/axis-sweep.csv, or axis-traces.csv).")
    Path out;

    @Override
    public void run() {
        try {
            Path fashion = null;
            if (!noFashionMnist) {
                DatasetInstaller.ensure("fashion-mnist", fashionMnist, BenchResults.repository());
                fashion = Files.isDirectory(fashionMnist) ? fashionMnist : null;
            }
            Path csv = out != null ? out : BenchResults.directory().resolve(perQuery ? "axis-traces.csv" : "axis-sweep.csv");
            int buildThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            AxisSweep.Options options = new AxisSweep.Options(csv, queries, buildThreads, fashion, limit);
            if (perQuery) {
                AdaptiveTraces.run(options, System.out);
            } else {
                AxisSweep.run(options, System.out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("axis sweep interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("axis sweep failed: " + e.getMessage(), e);
        }
    }
}
