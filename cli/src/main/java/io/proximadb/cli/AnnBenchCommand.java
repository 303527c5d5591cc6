package io.proximadb.cli;

import io.proximadb.bench.ann.AnnBenchmark;
import io.proximadb.bench.ann.AnnOptions;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Recall against queries per second of our indexes, and of peer libraries, on a standard ANN data set. */
@Command(name = "ann", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Builds each index through the index SPI over a data set's base vectors and warms",
                "each search setting up (ef for hnsw, nprobe for ivf, crossed with rerank for a",
                "quantized build), then runs --passes rounds, each one measured pass over the",
                "queries per setting of every index in turn (each setting's fastest is reported),",
                "one query at a time on one thread. --peer runs hnswlib or FAISS on the same",
                "vectors with the same parameters, in the same rounds, taking turns with ours;",
                "their answers are scored by the same code.",
                "Prints one JSON line per setting (index, filter, params, queries, build_s,",
                "recall_at_10, qps, p50_ms, p99_ms, memory_mb), then one JSON object with all.",
                "Writes bench/results/ann-<dataset>-<series>[-<filter>].csv, the series being",
                "the index and its quantizer (hnsw, hnsw-sq8, ivf-pq) or the peer's (hnswlib,",
                "faiss-flat, faiss-hnsw, faiss-ivf), and the plot ann-<dataset>.png of them all.",
                "Debian packages are installed when missing, as root: dataset-fashion-mnist by",
                "bench/install-datasets.sh; g++, libhnswlib-dev, python3-faiss by",
                "bench/install-peers.sh. Ground truth: <repository>/../shared/datasets/<dataset>.",
                "Method and protocol: docs/bench/ann.md. Examples:",
                "  proxima bench ann --index hnsw --ef 10,16,32,64 --peer hnswlib,faiss",
                "  proxima bench ann --index ivf --nlist 256 --quantizer none,pq --pq-m 16",
                "  proxima bench ann --index flat --queries 500 --peer faiss",
                ""})
final class AnnBenchCommand implements Runnable {

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "Data set (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--index", defaultValue = "hnsw", split = ",",
            description = "Index plugins, comma-separated: flat, hnsw, ivf (default: ${DEFAULT-VALUE}).")
    List<String> indexes;

    @Option(names = "--m", defaultValue = "16", description = "hnsw m (default: ${DEFAULT-VALUE}).")
    int m;

    @Option(names = "--ef-construction", defaultValue = "200",
            description = "hnsw ef_construction (default: ${DEFAULT-VALUE}).")
    int efConstruction;

    @Option(names = "--ef", defaultValue = "10,16,24,32,48,64,128", split = ",",
            description = "hnsw search ef values, one setting each (default: ${DEFAULT-VALUE}).")
    List<Integer> efs;

    @Option(names = "--nlist", defaultValue = "256", description = "ivf nlist, the number of lists (default: ${DEFAULT-VALUE}).")
    int nlist;

    @Option(names = "--nprobe", defaultValue = "1,2,4,8,16,32", split = ",",
            description = "ivf search nprobe values, one setting each (default: ${DEFAULT-VALUE}).")
    List<Integer> nprobes;

    @Option(names = "--quantizer", defaultValue = "none", split = ",",
            description = "none, sq8, pq, binary; comma-separated for one build of hnsw and ivf each"
                    + " (default: ${DEFAULT-VALUE}). flat and the peers are never quantized.")
    List<String> quantizers;

    @Option(names = "--factory", defaultValue = "HNSW32",
            description = "The FAISS factory string of --index faiss, our FFM plugin (default: ${DEFAULT-VALUE}; "
                    + "e.g. Flat, IVF256,Flat, IVF256,SQ8); its ef or nprobe comes from --ef or --nprobe.")
    String factory;

    @Option(names = "--pq-m", description = "pq_m, the PQ sub-spaces, for --quantizer pq (default: the index's).")
    Integer pqM;

    @Option(names = "--rerank", split = ",",
            description = "Search rerank values for quantized builds, crossed with each ef or nprobe (default: none passed).")
    List<Integer> reranks;

    @Option(names = "--peer", split = ",",
            description = "Also run a peer library beside its counterpart index, repeatable: hnswlib (beside hnsw),"
                    + " faiss (IndexFlatL2 beside flat, IndexHNSWFlat beside hnsw, IndexIVFFlat beside ivf).")
    List<String> peers;

    @Option(names = "--filter", defaultValue = "none",
            description = "none; same-label: accept only base vectors with the query's label, about 10%%;"
                    + " same-label-1pct: of those every tenth by ordinal, about 1%%, scored against exact"
                    + " neighbours found by a scan (default: ${DEFAULT-VALUE}). Not with --peer.")
    String filter;

    @Option(names = "--threads", description = "Build threads (default: all cores). Queries always run on one thread.")
    Integer threads;

    @Option(names = "--queries", defaultValue = "0",
            description = "Run only the first N queries (default: all 10,000).")
    int queries;

    @Option(names = "--passes", defaultValue = "1",
            description = "Rounds of one measured pass per setting of every index, ours and the peers' in turn; each setting's fastest is reported (default: 1).")
    int passes;

    @Option(names = "--build-warm-up", defaultValue = "3000",
            description = "Before the first timed build of each of our indexes, build and drop one over this many of the vectors, so that the timed build runs compiled code (the peers are native); 0 times a cold JVM (default: ${DEFAULT-VALUE}).")
    int buildWarmUp;

    @Option(names = "--builds", defaultValue = "1",
            description = "Timed builds of each index, ours and the peers' taking turns; the fastest is reported, as the fastest pass is (default: ${DEFAULT-VALUE}).")
    int builds;

    @Option(names = "--dataset-dir", description = "The data set's files (default: /usr/share/datasets/fashion-mnist).")
    Path datasetFiles;

    @Option(names = "--ground-truth",
            description = "Directory of gt.ivecs and gt_same_label.ivecs (default: <repository>/../shared/datasets/<dataset>).")
    Path groundTruth;

    /** The options as the benchmark takes them; checked there. */
    AnnOptions options() {
        int buildThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        return new AnnOptions(dataset, indexes, m, efConstruction, efs, nlist, nprobes, quantizers, pqM,
                reranks == null ? List.of() : reranks, peers == null ? List.of() : peers, filter, buildThreads,
                queries, passes, buildWarmUp, builds, datasetFiles, groundTruth, factory);
    }

    @Override
    public void run() {
        AnnOptions options = options();
        try {
            System.out.println(AnnBenchmark.run(options));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("ann benchmark failed: " + e.getMessage(), e);
        }
    }
}
