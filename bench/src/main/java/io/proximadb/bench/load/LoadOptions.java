package io.proximadb.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code bench load} run does. Checked here, before a data set loads or a server starts,
 * so that a typo fails at once with the option's name.
 *
 * @param url               the server to load, or {@code null} to start one in-process
 * @param apiKey            sent as {@code Authorization: Bearer}, or {@code null}
 * @param clients           concurrent search clients
 * @param duration          how long the clients are measured
 * @param warmup            how long they run before that, unmeasured (JIT, caches)
 * @param index             the searched collection's index plugin
 * @param ingestIndex       the index plugin of the collections written only for an ingest figure
 * @param ef                the search parameter {@code ef}, or {@code null} to send none
 * @param writeRatio        the share of requests that are single-record upserts, in [0, 1]
 * @param dataset           {@code fashion-mnist} or {@code synthetic}
 * @param dimension         synthetic only: the vectors' dimension
 * @param count             synthetic only: base vectors
 * @param queries           synthetic only: query vectors (ground truth is computed exactly)
 * @param ingestDimension   dimension of the synthetic gRPC ingest figure; 0 skips it
 * @param ingestCount       vectors of that ingest
 * @param ingestStreams     concurrent gRPC streams, and concurrent REST batch senders, of the ingests
 * @param batch             records per ingest batch (gRPC batches are also kept under the server's
 *                          message size limit)
 * @param http              {@code http1} (HTTP/1.1, one connection per client) or {@code h2c}
 *                          (cleartext HTTP/2, one connection per client)
 * @param collectionOptions plugin parameters of the searched collection, such as {@code index.m}
 * @param datasetFiles      fashion-mnist's IDX files, or {@code null} for Debian's package
 * @param groundTruth       the directory of {@code gt.ivecs}, or {@code null} for the shared checkout's
 * @param resultsDirectory  where the JSON, CSV and PNG go, or {@code null} for {@code bench/results}
 * @param seed              seeds the synthetic vectors and the clients' choices
 */
public record LoadOptions(URI url, String apiKey, int clients, Duration duration, Duration warmup, String index,
                          String ingestIndex, Integer ef, double writeRatio, String dataset, Integer dimension, Integer count,
                          Integer queries, int ingestDimension, int ingestCount, int ingestStreams, int batch,
                          String http, Map<String, String> collectionOptions, Path datasetFiles, Path groundTruth,
                          Path resultsDirectory, long seed) {

    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String SYNTHETIC = "synthetic";
    public static final List<String> HTTP_VERSIONS = List.of("http1", "h2c");
    /** The REST API's batch limit (docs/server.md). */
    static final int MAX_BATCH = 10_000;

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    public LoadOptions {
        collectionOptions = Map.copyOf(collectionOptions);
        if (url != null) {
            if (!"http".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("--url must be http://host:port (cleartext, as gRPC with prior "
                        + "knowledge needs), got " + url);
            }
            if (url.getPath() != null && !url.getPath().isEmpty() && !url.getPath().equals("/")) {
                throw new IllegalArgumentException("--url takes no path, got " + url);
            }
        }
        positive("clients", clients);
        positive("ingest-streams", ingestStreams);
        positive("batch", batch);
        if (batch > MAX_BATCH) {
            throw new IllegalArgumentException("--batch must be at most " + MAX_BATCH + " (the API's batch limit), got "
                    + batch);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive, got " + duration);
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must not be negative, got " + warmup);
        }
        if (index == null || index.isBlank() || ingestIndex == null || ingestIndex.isBlank()) {
            throw new IllegalArgumentException("--index and --ingest-index must name an index plugin, such as hnsw or flat");
        }
        if (ef != null) {
            positive("ef", ef);
        }
        if (!(writeRatio >= 0 && writeRatio <= 1)) {
            throw new IllegalArgumentException("--write-ratio must be between 0 and 1, got " + writeRatio);
        }
        if (ingestDimension < 0 || ingestCount < 0) {
            throw new IllegalArgumentException("--ingest-dimension and --ingest-count must not be negative, got "
                    + ingestDimension + " and " + ingestCount);
        }
        if (!HTTP_VERSIONS.contains(http)) {
            throw new IllegalArgumentException("unknown --http '" + http + "'; known: " + String.join(", ", HTTP_VERSIONS));
        }
        switch (dataset) {
            case FASHION_MNIST -> {
                if (dimension != null || count != null || queries != null) {
                    throw new IllegalArgumentException("--dimension, --count and --queries apply to --dataset "
                            + SYNTHETIC + "; fashion-mnist is 60,000 base and 10,000 query vectors of 784");
                }
            }
            case SYNTHETIC -> {
                if (dimension == null || count == null) {
                    throw new IllegalArgumentException("--dataset synthetic needs --dimension and --count");
                }
                positive("dimension", dimension);
                positive("count", count);
                if (queries != null) {
                    positive("queries", queries);
                }
                if (count < LoadBenchmark.K) {
                    throw new IllegalArgumentException("--count must be at least k = " + LoadBenchmark.K + ", got " + count);
                }
                if (datasetFiles != null || groundTruth != null) {
                    throw new IllegalArgumentException("--dataset-dir and --ground-truth apply to fashion-mnist");
                }
            }
            default -> throw new IllegalArgumentException("unknown data set '" + dataset + "'; known: "
                    + FASHION_MNIST + ", " + SYNTHETIC);
        }
    }

    /** Synthetic query vectors when {@code --queries} is not given. */
    int syntheticQueries() {
        return queries != null ? queries : Math.min(1_000, count);
    }

    /**
     * Reads {@code 30s}, {@code 2m}, {@code 500ms} or a plain number of seconds ({@code 1.5}).
     *
     * @throws IllegalArgumentException naming the option when the text is none of these
     */
    public static Duration parseDuration(String option, String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("--" + option + " must be a duration such as 30s, 2m or 500ms, got '"
                    + text + "'");
        }
        double value = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double millis = switch (unit) {
            case "ms" -> value;
            case "m" -> value * 60_000;
            default -> value * 1_000;
        };
        return Duration.ofNanos(Math.round(millis * 1e6));
    }

    private static void positive(String option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("--" + option + " must be positive, got " + value);
        }
    }
}
