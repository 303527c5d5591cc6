package io.proximadb.bench.ann;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What one {@code bench ann} run measures. Checked here, before the data set is loaded, so that a
 * typo fails in a second and not after a ten-second build.
 *
 * @param dataset        the data set's name; only {@code fashion-mnist} so far
 * @param indexes        index plugin names ({@code flat}, {@code hnsw}, {@code ivf}), run in this order
 * @param m              hnsw {@code m}
 * @param efConstruction hnsw {@code ef_construction}
 * @param efs            hnsw search {@code ef} values, one setting each
 * @param nlist          ivf {@code nlist}
 * @param nprobes        ivf search {@code nprobe} values, one setting each
 * @param quantizers     {@code none}, {@code sq8}, {@code pq}, {@code binary}: one build of hnsw and ivf each
 * @param pqM            {@code pq_m} for the {@code pq} builds, or {@code null} for the index's default
 * @param reranks        search {@code rerank} values for the quantized builds (crossed with ef or
 *                       nprobe); empty to pass none
 * @param peers          other libraries run on the same data: {@code hnswlib}, {@code faiss}
 * @param filter         {@code none}, {@code same-label} (about 10 %) or {@code same-label-1pct} ({@link AnnFilter})
 * @param threads        build threads ({@code build_threads}); queries always run on one thread
 * @param queries        how many of the queries to run, from the first; 0 or less for all
 * @param passes         measured passes per setting, ours and the peers'; the fastest is reported
 *                       (as ann-benchmarks does with its runs), which keeps a machine's stalls out
 * @param buildWarmUp    vectors of a build made and dropped before the first timed build of each of
 *                       our series, so that the JIT has compiled the build's code by then (as
 *                       searches are measured after a warm-up pass); 0 to time a build in a cold JVM
 * @param builds         timed builds of each series, ours and the peers' taking turns build by build;
 *                       the fastest is reported, as with passes, and the last one searched
 * @param datasetFiles   the directory of the data set's files, or {@code null} for the package's
 * @param groundTruth    the directory of the ground-truth {@code .ivecs} files, or {@code null}
 *                       for {@code <repository>/../shared/datasets/<dataset>}
 * @param factory        the FAISS factory string of {@code --index faiss} (our FFM plugin), such as {@code HNSW32}
 */
public record AnnOptions(String dataset, List<String> indexes, int m, int efConstruction, List<Integer> efs,
                         int nlist, List<Integer> nprobes, List<String> quantizers, Integer pqM,
                         List<Integer> reranks, List<String> peers, String filter, int threads, int queries,
                         int passes, int buildWarmUp, int builds, Path datasetFiles, Path groundTruth, String factory) {

    /** The index plugins whose parameters the harness knows. */
    public static final List<String> INDEXES = List.of("flat", "hnsw", "ivf", "faiss");
    /** The agreed {@code quantizer} values. */
    public static final List<String> QUANTIZERS = List.of("none", "sq8", "pq", "binary");
    /** The libraries {@code --peer} can run. */
    public static final List<String> PEERS = List.of("hnswlib", "faiss");

    public AnnOptions {
        indexes = List.copyOf(indexes);
        efs = List.copyOf(efs);
        nprobes = List.copyOf(nprobes);
        quantizers = List.copyOf(quantizers);
        reranks = List.copyOf(reranks);
        peers = List.copyOf(peers);
        if (!AnnDataset.FASHION_MNIST.equals(dataset)) {
            throw new IllegalArgumentException("unknown data set '" + dataset + "'; known: fashion-mnist");
        }
        AnnFilter.of(filter);
        if (factory == null || factory.isBlank()) {
            throw new IllegalArgumentException("--factory must name a FAISS index, such as HNSW32 or IVF256,Flat");
        }
        requireNonEmpty("index", indexes);
        requireNonEmpty("quantizer", quantizers);
        requireNonEmpty("ef", efs);
        requireNonEmpty("nprobe", nprobes);
        requireKnown("index", indexes, INDEXES);
        requireKnown("quantizer", quantizers, QUANTIZERS);
        requireKnown("peer", peers, PEERS);
        requirePositive("ef", efs);
        requirePositive("nprobe", nprobes);
        requirePositive("rerank", reranks);
        requirePositive("m", List.of(m));
        requirePositive("ef-construction", List.of(efConstruction));
        requirePositive("nlist", List.of(nlist));
        requirePositive("passes", List.of(passes));
        requirePositive("threads", List.of(threads));
        requirePositive("builds", List.of(builds));
        if (buildWarmUp < 0) {
            throw new IllegalArgumentException("--build-warm-up must be 0 or more vectors, got " + buildWarmUp);
        }
        boolean quantized = quantizers.stream().anyMatch(q -> !q.equals("none"));
        if (quantized && !indexes.contains("hnsw") && !indexes.contains("ivf")) {
            throw new IllegalArgumentException("--quantizer " + String.join(",", quantizers)
                    + " applies to hnsw and ivf, but --index is " + String.join(",", indexes));
        }
        if (pqM != null && (pqM <= 0 || !quantizers.contains("pq"))) {
            throw new IllegalArgumentException(pqM <= 0 ? "--pq-m must be positive, got " + pqM
                    : "--pq-m applies only to --quantizer pq, but --quantizer is " + String.join(",", quantizers));
        }
        if (!reranks.isEmpty() && !quantized) {
            throw new IllegalArgumentException("--rerank re-scores the candidates of a quantized index;"
                    + " give --quantizer sq8, pq or binary too");
        }
        if (!peers.isEmpty() && !filter.equals("none")) {
            throw new IllegalArgumentException("--peer runs unfiltered only; drop --filter " + filter);
        }
        for (String peer : peers) {
            if (PeerRun.plan(peer, indexes).isEmpty()) {
                throw new IllegalArgumentException("--peer " + peer + " has no counterpart of --index "
                        + String.join(",", indexes) + "; it has one for " + PeerRun.counterparts(peer));
            }
        }
    }

    private static void requireNonEmpty(String option, List<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("give at least one --" + option);
        }
    }

    private static void requireKnown(String option, List<String> values, Collection<String> known) {
        for (String value : values) {
            if (!known.contains(value)) {
                throw new IllegalArgumentException("unknown " + option + " '" + value + "'; known: "
                        + String.join(", ", known));
            }
        }
        if (Set.copyOf(values).size() != values.size()) {
            throw new IllegalArgumentException("--" + option + " names a value twice: " + String.join(",", values));
        }
    }

    private static void requirePositive(String option, List<Integer> values) {
        for (int value : values) {
            if (value <= 0) {
                throw new IllegalArgumentException("--" + option + " must be positive, got " + value);
            }
        }
    }
}
