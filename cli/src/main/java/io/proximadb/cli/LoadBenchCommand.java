package io.proximadb.cli;

import io.proximadb.bench.load.LoadBenchmark;
import io.proximadb.bench.load.LoadOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Ingest and concurrent search load against the server, over REST and gRPC on loopback. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Loads the server: starts one in-process (port 0, a temporary data directory) unless --url",
                "names a running one, creates collections (metric l2), and measures",
                "  1. bulk ingest (vectors/s) of the data set's base vectors over REST batches",
                "     (PUT .../records) and over gRPC UpsertStream, and of --ingest-count random vectors",
                "     of --ingest-dimension over UpsertStream, each into a fresh --ingest-index collection",
                "     dropped afterwards; then of the base vectors over UpsertStream into the searched",
                "     --index collection, which is settled (flushed and merged) before the searches;",
                "  2. --clients concurrent REST clients for --warmup then --duration: searches (k = 10,",
                "     params.ef = --ef) of the query vectors in a loop, recall@10 against the ground truth,",
                "     and single-record upserts in --write-ratio of the requests (latency p50/p99).",
                "Prints progress on standard error, then one JSON line. Writes bench/results/",
                "load-<dataset>-<index>-<clients>c.json, .csv (every measured request) and .png (p50/p99",
                "latency per second). Method and figures: docs/bench/load.md. Examples:",
                "  proxima bench load --clients 8 --duration 30s",
                "  proxima bench load --url http://127.0.0.1:7700 --api-key pxk_... --ef 16",
                "  proxima bench load --dataset synthetic --dimension 8 --count 2000 --duration 2s",
                ""})
final class LoadBenchCommand implements Runnable {

    @Option(names = "--url", description = "A running server, http://host:port (default: start one in-process).")
    URI url;

    @Option(names = "--api-key", description = "API key for --url, sent as Authorization: Bearer.")
    String apiKey;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent search clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "30s",
            description = "Measured window: 30s, 2m, 500ms (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--warmup", defaultValue = "5s",
            description = "Unmeasured load before the window (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--index", defaultValue = "hnsw", description = "The collections' index (default: ${DEFAULT-VALUE}).")
    String index;

    @Option(names = "--ingest-index", defaultValue = "flat",
            description = "Index of the collections written only for an ingest figure (default: ${DEFAULT-VALUE}).")
    String ingestIndex;

    @Option(names = "--ef", defaultValue = "32",
            description = "params.ef of each search, 0 to send none (default: ${DEFAULT-VALUE}).")
    int ef;

    @Option(names = "--write-ratio", defaultValue = "0.05",
            description = "Share of requests that are single-record upserts (default: ${DEFAULT-VALUE}).")
    double writeRatio;

    @Option(names = "--dataset", defaultValue = LoadOptions.FASHION_MNIST,
            description = "fashion-mnist or synthetic (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--dimension", description = "synthetic: dimension of the vectors.")
    Integer dimension;

    @Option(names = "--count", description = "synthetic: base vectors.")
    Integer count;

    @Option(names = "--queries", description = "synthetic: query vectors (default: min(1000, count)).")
    Integer queries;

    @Option(names = "--ingest-dimension", defaultValue = "128",
            description = "Dimension of the extra gRPC ingest of random vectors, 0 to skip it (default: ${DEFAULT-VALUE}).")
    int ingestDimension;

    @Option(names = "--ingest-count", defaultValue = "200000",
            description = "Vectors of that ingest (default: ${DEFAULT-VALUE}).")
    int ingestCount;

    @Option(names = "--ingest-streams", defaultValue = "4",
            description = "Concurrent UpsertStream calls, and concurrent REST batch senders (default: ${DEFAULT-VALUE}).")
    int ingestStreams;

    @Option(names = "--batch", defaultValue = "500",
            description = "Records per ingest batch; gRPC messages also stay under the server's 256 KiB limit"
                    + " (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--http", defaultValue = "http1",
            description = "REST over http1 (HTTP/1.1) or h2c (cleartext HTTP/2); one connection per client"
                    + " (default: ${DEFAULT-VALUE}).")
    String http;

    @Option(names = "--collection-option", paramLabel = "KEY=VALUE",
            description = "A plugin parameter of the collections, such as index.m=16; repeatable.")
    Map<String, String> collectionOptions;

    @Option(names = "--dataset-dir", description = "fashion-mnist's files (default: /usr/share/datasets/fashion-mnist).")
    Path datasetFiles;

    @Option(names = "--ground-truth",
            description = "Directory of gt.ivecs (default: <repository>/../shared/datasets/<dataset>).")
    Path groundTruth;

    @Option(names = "--results-dir", description = "Where the JSON, CSV and PNG go (default: bench/results).")
    Path resultsDirectory;

    @Option(names = "--seed", defaultValue = "42", description = "Seeds random vectors and choices (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The options as the benchmark takes them; checked there. */
    LoadOptions options() {
        return new LoadOptions(url, apiKey, clients, LoadOptions.parseDuration("duration", duration),
                LoadOptions.parseDuration("warmup", warmup), index, ingestIndex, ef == 0 ? null : ef, writeRatio, dataset,
                dimension, count, queries, ingestDimension, ingestCount, ingestStreams, batch, http,
                collectionOptions == null ? Map.of() : new LinkedHashMap<>(collectionOptions), datasetFiles,
                groundTruth, resultsDirectory, seed);
    }

    @Override
    public void run() {
        LoadOptions options = options();
        try {
            System.out.println(LoadBenchmark.run(options));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("load benchmark failed: " + e.getMessage(), e);
        }
    }
}
