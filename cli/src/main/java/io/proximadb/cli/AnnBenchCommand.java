package io.proximadb.cli;

import io.proximadb.bench.ann.AnnBenchmark;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Recall against queries per second of our indexes on a standard ANN data set. */
@Command(name = "ann", mixinStandardHelpOptions = true,
        description = {"Builds an index through the index SPI over a data set's base vectors (a ticking line during",
                "the build), then for each ef runs a warm-up pass and a measured pass over the queries, one query",
                "at a time on one thread. Prints one JSON line per setting (index, params, build_s, recall_at_10,",
                "qps, p50_ms, p99_ms, memory_mb) and, last, one JSON object with all of them; writes",
                "bench/results/ann-<dataset>-<index>[-same-label].csv and a recall/QPS plot ann-<dataset>.png.",
                "fashion-mnist comes from Debian's dataset-fashion-mnist (installed by bench/install-datasets.sh",
                "when missing, as root), its ground truth from <repository>/../shared/datasets/fashion-mnist.",
                "Example: proxima bench ann --index hnsw --m 16 --ef-construction 200 --ef 10,16,24,32,48,64,128"})
final class AnnBenchCommand implements Runnable {

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "Data set (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--index", defaultValue = "hnsw", split = ",",
            description = "Index plugins, comma-separated: hnsw, flat (default: ${DEFAULT-VALUE}).")
    List<String> indexes;

    @Option(names = "--m", defaultValue = "16", description = "hnsw m (default: ${DEFAULT-VALUE}).")
    int m;

    @Option(names = "--ef-construction", defaultValue = "200",
            description = "hnsw ef_construction (default: ${DEFAULT-VALUE}).")
    int efConstruction;

    @Option(names = "--ef", defaultValue = "10,16,24,32,48,64,128", split = ",",
            description = "hnsw search ef values, one setting each (default: ${DEFAULT-VALUE}).")
    List<Integer> efs;

    @Option(names = "--filter", defaultValue = "none",
            description = "none, or same-label: accept only base vectors with the query's label, about 10%"
                    + " (default: ${DEFAULT-VALUE}).")
    String filter;

    @Option(names = "--threads", description = "Build threads (default: all cores). Queries always run on one thread.")
    Integer threads;

    @Option(names = "--queries", defaultValue = "0",
            description = "Run only the first N queries (default: all 10,000).")
    int queries;

    @Option(names = "--dataset-dir", description = "The data set's files (default: /usr/share/datasets/fashion-mnist).")
    Path datasetFiles;

    @Option(names = "--ground-truth",
            description = "Directory of gt.ivecs and gt_same_label.ivecs (default: <repository>/../shared/datasets/<dataset>).")
    Path groundTruth;

    @Override
    public void run() {
        int buildThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        try {
            System.out.println(AnnBenchmark.run(new AnnBenchmark.Options(dataset, indexes, m, efConstruction, efs,
                    filter, buildThreads, queries, datasetFiles, groundTruth)));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("ann benchmark failed: " + e.getMessage(), e);
        }
    }
}
