package io.proximadb.cli;

import io.proximadb.bench.axis.AxisBenchmark;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** AXIS's choices judged on held-out data. */
@Command(name = "axis", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Judges AXIS on twelve synthetic data sets that share no value with its training grid",
                "(dimension 24 to 512, intrinsic dimension 6 to 100, 1 to 64 clusters, 8,000 to",
                "40,000 vectors, l2 and cosine). For each set and each --target, builds the axis index",
                "as a collection would (features, plan, build) and measures recall@10 and QPS at the",
                "effort it chose, one query at a time on one thread; sets it against the default",
                "configuration (hnsw, m 16, ef_construction 200) at the ef that gives the same recall.",
                "Prints a table on standard error, then one JSON line with held_out_target_met (the",
                "share of cases whose measured recall met the target) and the QPS and memory against",
                "the default. Per-query widths (the per-query model) are set against fixed ef at the",
                "same mean recall on each set's default graph, and on fashion-mnist, which that model",
                "never saw, beside the ceiling of any per-query width there (each query at the width best",
                "for it, known in advance; in distances). Writes bench/results/axis-heldout-<planner>.csv",
                "and .png, axis-adaptive.csv",
                "and .png. docs/axis.md, docs/bench/axis.md.",
                ""})
final class AxisBenchCommand implements Runnable {

    @Option(names = "--target", defaultValue = "0.9,0.95,0.99", split = ",",
            description = "Target recalls, one case each per data set (default: ${DEFAULT-VALUE}).")
    List<Double> targets;

    @Option(names = "--planner", defaultValue = "model", description = "model or rules (default: ${DEFAULT-VALUE}).")
    String planner;

    @Option(names = "--queries", defaultValue = "300", description = "Queries per data set (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--threads", description = "Build threads (default: all cores).")
    Integer threads;

    @Option(names = "--limit", defaultValue = "1000", description = "Only the first N held-out sets (default: all).")
    int limit;

    @Option(names = "--fashion-mnist-queries", defaultValue = "1000",
            description = "Test queries of fashion-mnist for per-query widths against fixed ef, 0 to skip"
                    + " (default: ${DEFAULT-VALUE}; the data set is installed when missing).")
    int fashionMnistQueries;

    @Override
    public void run() {
        int buildThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        try {
            AxisBenchmark.run(new AxisBenchmark.Options(targets, queries, buildThreads, planner, limit,
                    fashionMnistQueries), System.out);
        } catch (Exception e) {
            throw new IllegalStateException("axis benchmark failed: " + e.getMessage(), e);
        }
    }
}
