package io.proximadb.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proximadb.bench.ann.DatasetInstaller;
import io.proximadb.bench.plot.LinePlot;
import io.proximadb.bench.progress.BenchResults;
import io.proximadb.bench.progress.ElapsedTicker;
import io.proximadb.bench.progress.ProgressBar;
import io.proximadb.grpc.v1.UpsertRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The server load benchmark: against a server on loopback (one it starts in-process, or one at
 * {@code --url}) it measures bulk ingest over gRPC streaming and REST batches, then runs
 * {@code --clients} concurrent REST clients for {@code --duration}, searching (k = 10, recall
 * scored against the ground truth) with a share of single-record upserts, and reports throughput,
 * latency percentiles and recall. Progress goes to standard error; the JSON object it returns is
 * also written with a CSV of every measured request and a PNG of latency over time to
 * {@code bench/results/}. Method and figures: docs/bench/load.md.
 */
public final class LoadBenchmark {

    static final int K = 10;

    private LoadBenchmark() {
    }

    /** Runs the benchmark and returns its JSON object, on one line. */
    public static String run(LoadOptions options) throws Exception {
        Path results = options.resultsDirectory() != null ? options.resultsDirectory() : BenchResults.directory();
        Files.createDirectories(results);
        LoadDataset data = load(options);
        try (ServerTarget target = options.url() != null ? ServerTarget.external(options.url())
                : startServer()) {
            return run(options, data, target, results.toAbsolutePath());
        }
    }

    private static ServerTarget startServer() throws Exception {
        try (ElapsedTicker ticker = new ElapsedTicker("start the server in-process")) {
            return ServerTarget.inProcess();
        }
    }

    private static LoadDataset load(LoadOptions options) throws Exception {
        if (options.dataset().equals(LoadOptions.SYNTHETIC)) {
            return LoadDataset.synthetic(options.dimension(), options.count(), options.syntheticQueries(), K,
                    options.seed());
        }
        Path repository = BenchResults.repository();
        Path files = options.datasetFiles() != null ? options.datasetFiles() : Path.of("/usr/share/datasets/fashion-mnist");
        Path groundTruth = options.groundTruth() != null ? options.groundTruth()
                : repository.resolve("..").resolve("shared").resolve("datasets").resolve(options.dataset()).normalize();
        DatasetInstaller.ensure(options.dataset(), files, repository);
        try (ElapsedTicker ticker = new ElapsedTicker("load " + options.dataset())) {
            return LoadDataset.fashionMnist(files, groundTruth);
        }
    }

    private static String run(LoadOptions options, LoadDataset data, ServerTarget target, Path results)
            throws Exception {
        URI url = target.url();
        RestClient admin = new RestClient(url, options.apiKey(), options.http());
        // Unique names, so that a run against a shared server never meets an earlier run's collections.
        String name = "load-" + Long.toString(System.currentTimeMillis(), 36);
        String synthetic = name + "-" + options.ingestDimension() + "d";
        try {
            admin.awaitReady(Duration.ofMinutes(2));
            return measure(options, data, target, results, admin, name, synthetic);
        } finally {
            // Also after a failure, so that a server at --url is left as it was found.
            for (String collection : List.of(name + "-rest", name + "-grpc", synthetic, name)) {
                try {
                    admin.dropCollection(collection);
                } catch (IOException e) {
                    System.err.println("load: could not drop " + collection + ": " + e.getMessage());
                }
            }
            admin.close();
        }
    }

    private static String measure(LoadOptions options, LoadDataset data, ServerTarget target, Path results,
                                  RestClient admin, String name, String synthetic) throws Exception {
        URI url = target.url();
        List<IngestFigure> ingests = new ArrayList<>();
        // Each ingest writes a fresh collection. Those written only for their figure use --ingest-index
        // (flat by default: its flush builds nothing, so the figure is the write path's) and are dropped
        // before the next phase; the searched one, last, uses --index.
        ingests.add(restIngest(options, data, admin, url, name + "-rest"));
        if (!options.ingestIndex().equals(options.index())) {
            ingests.add(grpcIngest(options, admin, url, name + "-grpc", options.ingestIndex(), data.base(), true));
            admin.dropCollection(name + "-grpc");
        }
        if (options.ingestDimension() > 0 && options.ingestCount() > 0) {
            float[][] vectors = LoadDataset.random(new SplittableRandom(options.seed() + 1), options.ingestCount(),
                    options.ingestDimension());
            ingests.add(grpcIngest(options, admin, url, synthetic, options.ingestIndex(), vectors, false));
            admin.dropCollection(synthetic);
        }
        ingests.add(grpcIngest(options, admin, url, name, options.index(), data.base(), true));
        String settle;
        double settleSeconds;
        try (ElapsedTicker ticker = new ElapsedTicker("settle " + name + " (" + options.index() + ")")) {
            settle = target.settle(admin, name);
            settleSeconds = ticker.elapsedSeconds();
        }
        JsonNode storage = ServerTarget.storage(admin, name);
        List<byte[]> queryBodies = new ArrayList<>(data.queries().length);
        for (float[] query : data.queries()) {
            queryBodies.add(JsonBodies.search(query, K, options.ef()));
        }
        SearchLoad.Outcome outcome = SearchLoad.run(url, options.apiKey(), options.http(), options.clients(), name,
                data, queryBodies, K, options.writeRatio(), options.warmup(), options.duration(), options.seed());
        Samples samples = outcome.samples();
        LoadResult result = new LoadResult(options, data.name(), data.dimension(), data.base().length,
                data.queries().length, target.description(), ingests, settle, settleSeconds,
                storage.path("segments").asLong(), storage.path("memtable_bytes").asLong(),
                Percentiles.of(samples.latencies(Samples.Kind.SEARCH)),
                outcome.scoredSearches() == 0 ? Double.NaN : outcome.recallSum() / outcome.scoredSearches(),
                Percentiles.of(samples.latencies(Samples.Kind.UPSERT)), outcome.errors());
        return write(results, options, result, samples);
    }

    /** The data set's base vectors over REST batches, into a collection dropped afterwards. */
    private static IngestFigure restIngest(LoadOptions options, LoadDataset data, RestClient admin, URI url,
                                           String collection) throws Exception {
        float[][] base = data.base();
        List<byte[]> bodies = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int from = 0; from < base.length; from += options.batch()) {
            int to = Math.min(base.length, from + options.batch());
            bodies.add(JsonBodies.records(base, from, to));
            counts.add(to - from);
        }
        admin.createCollection(collection, data.dimension(), options.ingestIndex(), collectionOptions(options,
                options.ingestIndex()));
        List<RestClient> senders = new ArrayList<>();
        double seconds;
        try (ProgressBar progress = new ProgressBar("REST ingest " + data.dimension() + "-d " + options.ingestIndex(), base.length, "vectors")) {
            for (int s = 0; s < options.ingestStreams(); s++) {
                senders.add(new RestClient(url, options.apiKey(), options.http()));
            }
            seconds = RestIngest.ingest(senders, collection, bodies, counts.stream().mapToInt(Integer::intValue).toArray(),
                    progress);
        } finally {
            senders.forEach(RestClient::close);
        }
        requireLive(admin, collection, base.length);
        admin.dropCollection(collection);
        return new IngestFigure("rest", true, options.ingestIndex(), data.dimension(), base.length, Math.min(options.batch(), base.length),
                options.ingestStreams(), seconds);
    }

    /** {@code vectors} over UpsertStream into a new collection of {@code index}. */
    private static IngestFigure grpcIngest(LoadOptions options, RestClient admin, URI url, String collection,
                                           String index, float[][] vectors, boolean baseVectors) throws Exception {
        int dimension = vectors[0].length;
        List<UpsertRequest> messages = GrpcBatches.split(collection, vectors, options.batch(),
                GrpcBatches.SERVER_MESSAGE_LIMIT);
        int largest = messages.stream().mapToInt(UpsertRequest::getRecordsCount).max().orElse(0);
        admin.createCollection(collection, dimension, index, collectionOptions(options, index));
        double seconds;
        try (GrpcIngest grpc = new GrpcIngest(url, options.apiKey());
             ProgressBar progress = new ProgressBar("gRPC ingest " + dimension + "-d " + index, vectors.length,
                     "vectors")) {
            seconds = grpc.ingest(messages, options.ingestStreams(), progress);
        }
        requireLive(admin, collection, vectors.length);
        return new IngestFigure("grpc", baseVectors, index, dimension, vectors.length, largest, options.ingestStreams(),
                seconds);
    }

    /** {@code --collection-option} is for the searched collection's index; the others get it only if theirs is the same. */
    private static Map<String, String> collectionOptions(LoadOptions options, String index) {
        return index.equals(options.index()) ? options.collectionOptions() : Map.of();
    }

    /** An ingest counts only if every record arrived: the collection must hold exactly that many. */
    private static void requireLive(RestClient admin, String collection, long expected) throws Exception {
        long live = admin.describe(collection).path("live_records").asLong();
        if (live != expected) {
            throw new IllegalStateException("collection " + collection + " holds " + live + " live records after "
                    + "ingesting " + expected);
        }
    }

    /** Writes the CSV, the PNG and the JSON under {@code results}; returns the JSON line. */
    private static String write(Path results, LoadOptions options, LoadResult result, Samples samples)
            throws IOException {
        String stem = String.format(Locale.ROOT, "load-%s-%s-%dc", result.dataset(), options.index(), options.clients());
        Path csv = results.resolve(stem + ".csv");
        Path png = results.resolve(stem + ".png");
        Path jsonFile = results.resolve(stem + ".json");
        samples.writeCsv(csv);
        double window = options.duration().toNanos() / 1e9;
        LinePlot plot = new LinePlot(String.format(Locale.ROOT, "Load: %d clients, REST search k=%d%s on %s, %.0f%% upserts",
                options.clients(), K, options.ef() == null ? "" : " ef=" + options.ef(), result.dataset(),
                options.writeRatio() * 100), "seconds", "latency (ms)", false, true);
        plot.add(samples.perSecond("search p50", Samples.Kind.SEARCH, 0.50, window));
        plot.add(samples.perSecond("search p99", Samples.Kind.SEARCH, 0.99, window));
        if (samples.latencies(Samples.Kind.UPSERT).length > 0) {
            plot.add(samples.perSecond("upsert p50", Samples.Kind.UPSERT, 0.50, window));
            plot.add(samples.perSecond("upsert p99", Samples.Kind.UPSERT, 0.99, window));
        }
        plot.write(png);
        ObjectNode json = result.toJson();
        json.put("json", jsonFile.toString()).put("csv", csv.toString()).put("png", png.toString());
        String line = RestClient.JSON.writeValueAsString(json);
        Files.writeString(jsonFile, line + "\n", StandardCharsets.UTF_8);
        return line;
    }
}
