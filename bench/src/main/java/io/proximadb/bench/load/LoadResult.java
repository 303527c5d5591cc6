package io.proximadb.bench.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The figures of one load run and the JSON object they print as (the last line of standard output).
 * Latencies in milliseconds; a figure that was not measured (no upserts at {@code --write-ratio 0},
 * no synthetic ingest at {@code --ingest-dimension 0}) is {@code null}.
 *
 * @param options    what ran
 * @param dataset    the data set's name, dimension, base and query counts come from it
 * @param server     {@code in-process} or the URL
 * @param ingests    the bulk ingests, in the order they ran
 * @param settle     how the searched collection was settled before the searches ({@link ServerTarget#settle})
 * @param settleSeconds how long that took
 * @param segments   segments of the searched collection when the searches began
 * @param memtableBytes bytes in its memtable then (searched exactly)
 * @param search     latencies of the successful searches of the window
 * @param recall     mean recall@k of those searches
 * @param upsert     latencies of the successful single-record upserts of the window
 * @param errors     failed requests of the window
 */
record LoadResult(LoadOptions options, String dataset, int dimension, int base, int queries, String server,
                  List<IngestFigure> ingests, String settle, double settleSeconds, long segments, long memtableBytes,
                  Percentiles search, double recall, Percentiles upsert, int errors) {

    /** The targets: search p99 and single upsert p99 under 5 ms, recall@10 at least 0.95, 50,000 vectors/s. */
    static final double TARGET_P99_MS = 5;
    static final double TARGET_RECALL = 0.95;
    static final double TARGET_GRPC_128D_VECTORS_PER_S = 50_000;

    double searchQps() {
        return search.count() / seconds(options.duration());
    }

    ObjectNode toJson() {
        ObjectNode json = RestClient.JSON.createObjectNode();
        json.put("benchmark", "load").put("dataset", dataset).put("dimension", dimension).put("base", base)
                .put("queries", queries).put("index", options.index()).put("server", server).put("http", options.http())
                .put("ingest_index", options.ingestIndex()).put("clients", options.clients()).put("duration_s", seconds(options.duration()))
                .put("warmup_s", seconds(options.warmup())).put("k", LoadBenchmark.K);
        if (options.ef() == null) {
            json.putNull("ef");
        } else {
            json.put("ef", options.ef());
        }
        json.put("write_ratio", options.writeRatio());
        ArrayNode ingestArray = json.putArray("ingest");
        for (IngestFigure ingest : ingests) {
            ingest.writeTo(ingestArray.addObject());
            json.put(ingestKey(ingest), Math.round(ingest.vectorsPerSecond()));
        }
        json.put("settle", settle).put("settle_s", round(settleSeconds, 2)).put("segments", segments).put("memtable_bytes", memtableBytes);
        json.put("searches", search.count());
        putNumber(json, "search_qps", round(searchQps(), 1));
        putNumber(json, "search_p50_ms", round(search.p50Ms(), 3));
        putNumber(json, "search_p99_ms", round(search.p99Ms(), 3));
        putNumber(json, "search_max_ms", round(search.maxMs(), 3));
        putNumber(json, "recall_at_10", round(recall, 4));
        json.put("upserts", upsert.count());
        putNumber(json, "upsert_p50_ms", round(upsert.p50Ms(), 3));
        putNumber(json, "upsert_p99_ms", round(upsert.p99Ms(), 3));
        putNumber(json, "upsert_max_ms", round(upsert.maxMs(), 3));
        json.put("errors", errors).put("cores", Runtime.getRuntime().availableProcessors());
        ObjectNode targets = json.putObject("targets");
        targets.put("search_p99_under_5ms_at_recall_0_95", search.count() > 0
                && search.p99Ms() < TARGET_P99_MS && recall >= TARGET_RECALL);
        if (upsert.count() > 0) {
            targets.put("upsert_p99_under_5ms", upsert.p99Ms() < TARGET_P99_MS);
        } else {
            targets.putNull("upsert_p99_under_5ms");
        }
        IngestFigure grpc128 = ingests.stream().filter(i -> i.protocol().equals("grpc") && !i.baseVectors()
                        && i.dimension() == 128 && i.index().equals(options.ingestIndex()))
                .findFirst().orElse(null);
        if (grpc128 != null) {
            targets.put("grpc_ingest_128d_at_least_50000_per_s",
                    grpc128.vectorsPerSecond() >= TARGET_GRPC_128D_VECTORS_PER_S);
        } else {
            targets.putNull("grpc_ingest_128d_at_least_50000_per_s");
        }
        return json;
    }

    /**
     * {@code ingest_rest_vectors_per_s} and {@code ingest_grpc_vectors_per_s} for the data set's
     * vectors into {@code --ingest-index} collections, {@code ingest_grpc_128d_vectors_per_s} for the
     * synthetic ingest at its dimension, {@code ingest_grpc_hnsw_vectors_per_s} for the searched
     * collection when its index differs.
     */
    private String ingestKey(IngestFigure ingest) {
        return "ingest_" + ingest.protocol() + (ingest.baseVectors() ? "" : "_" + ingest.dimension() + "d")
                + (ingest.index().equals(options.ingestIndex()) ? "" : "_" + ingest.index()) + "_vectors_per_s";
    }

    private static void putNumber(ObjectNode json, String key, double value) {
        if (Double.isNaN(value)) {
            json.putNull(key);
        } else {
            json.put(key, value);
        }
    }

    static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
