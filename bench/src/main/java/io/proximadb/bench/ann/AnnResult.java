package io.proximadb.bench.ann;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The figures of one setting of one index, ours or a peer's: its build and one measured pass over
 * the queries.
 *
 * @param index    the series: our index with its quantizer ({@code hnsw}, {@code ivf-pq}) or a
 *                 peer's ({@code hnswlib}, {@code faiss-flat})
 * @param params   build and search parameters by their agreed names, in the order they should be
 *                 shown; integers appear as JSON numbers, other values as strings
 * @param memoryMb ours: the index's own bytes plus the float32 vectors; a peer's: its driver's
 *                 estimate (docs/bench/ann.md), in MiB
 */
public record AnnResult(String index, String filter, Map<String, String> params, int queries, double buildSeconds,
                        double recallAt10, double qps, double p50Ms, double p99Ms, double memoryMb) {

    static final String CSV_HEADER = "index,filter,params,queries,build_s,recall_at_10,qps,p50_ms,p99_ms,memory_mb";
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    String toJson() {
        String paramsJson = params.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + (INTEGER.matcher(e.getValue()).matches() ? e.getValue()
                        : "\"" + e.getValue() + "\""))
                .collect(Collectors.joining(",", "{", "}"));
        return String.format(Locale.ROOT, "{\"index\":\"%s\",\"filter\":\"%s\",\"params\":%s,\"queries\":%d,"
                        + "\"build_s\":%.2f,\"recall_at_10\":%.4f,\"qps\":%.0f,\"p50_ms\":%.4f,\"p99_ms\":%.4f,"
                        + "\"memory_mb\":%.1f}",
                index, filter, paramsJson, queries, buildSeconds, recallAt10, qps, p50Ms, p99Ms, memoryMb);
    }

    String toCsv() {
        String paramsText = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        return String.format(Locale.ROOT, "%s,%s,%s,%d,%.2f,%.4f,%.0f,%.4f,%.4f,%.1f",
                index, filter, paramsText, queries, buildSeconds, recallAt10, qps, p50Ms, p99Ms, memoryMb);
    }
}
