package io.proximadb.bench.ingest;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.CollectionInfo;
import io.proximadb.api.ProximaDB;
import io.proximadb.api.StorageStats;
import io.proximadb.bench.plot.LinePlot;
import io.proximadb.bench.progress.BenchResults;
import io.proximadb.bench.progress.ProgressBar;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.VectorRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Bulk ingest through the embedded API: writer threads upsert random vectors with small metadata
 * in atomic batches under group commit, flushes and merges run as they would, then the database is
 * closed and a fresh JVM reopens it and answers one query ({@link RestartProbe}). Prints a
 * progress bar on standard error and, last on standard output, one JSON line of figures; the same
 * JSON goes to {@code bench/results/ingest-<dim>d-<count>.json}.
 */
public final class IngestBenchmark {

    static final String COLLECTION = "ingest";

    /**
     * @param dimension  vector length
     * @param count      records written
     * @param threads    writer threads
     * @param batch      records per atomic batch
     * @param directory  data directory (emptied first), or {@code null} for a temporary one
     * @param flushBytes the memtable flush threshold
     * @param keep       keep the data directory afterwards
     * @param memtable   the collection's memtable plugin, or {@code null} for the default
     */
    public record Options(int dimension, long count, int threads, int batch, Path directory, long flushBytes,
                          boolean keep, String memtable) {
    }

    private IngestBenchmark() {
    }

    public static String run(Options options) throws Exception {
        Path directory = options.directory() != null ? options.directory()
                : Files.createTempDirectory("proxima-ingest");
        deleteContents(directory);
        ProximaConfig config = ProximaConfig.defaults().withDataDirectory(directory)
                .with("storage.flush_bytes", options.flushBytes());
        long rawBytes = 0;
        for (long i = 0; i < options.count(); i++) {
            rawBytes += IngestData.rawBytes(i, options.dimension());
        }
        double ingestSeconds;
        double settleSeconds;
        ThroughputSampler throughput;
        CollectionInfo info;
        try (ProximaDB db = ProximaDB.open(config)) {
            CollectionConfig collectionConfig = CollectionConfig.of(COLLECTION, options.dimension(), Metric.L2);
            Collection collection = db.createCollection(options.memtable() == null ? collectionConfig
                    : collectionConfig.withMemtable(options.memtable()));
            long start = System.nanoTime();
            try (ProgressBar progress = new ProgressBar("ingest", options.count(), "vectors");
                 ThroughputSampler sampler = new ThroughputSampler(progress::done)) {
                throughput = sampler;
                List<Thread> writers = new ArrayList<>();
                for (int t = 0; t < options.threads(); t++) {
                    int writer = t;
                    writers.add(Thread.ofPlatform().name("writer-" + t).start(() -> write(collection, options, writer, progress)));
                }
                for (Thread writer : writers) {
                    writer.join();
                }
            }
            ingestSeconds = (System.nanoTime() - start) / 1e9;
            long settleStart = System.nanoTime();
            System.err.println("flushing and merging ...");
            collection.flush();
            collection.compact();
            settleSeconds = (System.nanoTime() - settleStart) / 1e9;
            info = collection.describe();
        }
        if (info.liveRecords() != options.count()) {
            throw new IllegalStateException("wrote " + options.count() + " records but " + info.liveRecords() + " are live");
        }
        System.err.println("reopening in a fresh JVM ...");
        String probe = runProbe(directory, options);
        StorageStats storage = info.storage();
        double amplification = (double) (storage.walBytesWritten() + storage.bytesWritten()) / rawBytes;
        double rawVectorMegabytes = options.count() * options.dimension() * 4.0 / (1 << 20);
        String json = String.format(Locale.ROOT,
                "{\"benchmark\":\"ingest\",\"memtable\":\"%s\",\"dim\":%d,\"count\":%d,\"threads\":%d,\"batch\":%d,\"flush_bytes\":%d,"
                        + "\"vectors_per_s\":%.0f,\"ingest_s\":%.2f,\"flush_and_merge_s\":%.2f,"
                        + "\"write_amplification\":%.3f,\"wal_mb\":%.1f,\"segment_mb_written\":%.1f,"
                        + "\"merge_mb_written\":%.1f,\"flushes\":%d,\"compactions\":%d,"
                        + "\"segment_mb_on_disk\":%.1f,\"raw_vector_mb\":%.1f,%s,\"cores\":%d}",
                info.spec().memtable(), options.dimension(), options.count(), options.threads(), options.batch(), options.flushBytes(),
                options.count() / ingestSeconds, ingestSeconds, settleSeconds, amplification,
                storage.walBytesWritten() / 1048576.0, storage.bytesWritten() / 1048576.0,
                storage.compactionBytesWritten() / 1048576.0, storage.flushes(),
                storage.compactions(), storage.segmentBytes() / 1048576.0, rawVectorMegabytes,
                probe.substring(1, probe.length() - 1) + ",\"rss_to_raw_vectors\":"
                        + String.format(Locale.ROOT, "%.3f", rssOf(probe) / rawVectorMegabytes),
                Runtime.getRuntime().availableProcessors());
        String name = "ingest-" + options.dimension() + "d-" + options.count();
        Path plot = BenchResults.directory().resolve(name + ".png");
        new LinePlot("Ingest, " + options.dimension() + "-d, " + options.threads() + " writers", "seconds", "vectors/s",
                false, false).add(throughput.series("vectors/s")).write(plot);
        json = json.substring(0, json.length() - 1) + ",\"plot\":\"" + plot.toAbsolutePath() + "\"}";
        Files.writeString(BenchResults.directory().resolve(name + ".json"), json + "\n", StandardCharsets.UTF_8);
        if (!options.keep()) {
            deleteContents(directory);
            Files.deleteIfExists(directory);
        }
        return json;
    }

    private static void write(Collection collection, Options options, int writer, ProgressBar progress) {
        long perWriter = (options.count() + options.threads() - 1) / options.threads();
        long from = writer * perWriter;
        long to = Math.min(options.count(), from + perWriter);
        List<VectorRecord> batch = new ArrayList<>(options.batch());
        for (long i = from; i < to; i++) {
            batch.add(IngestData.record(i, options.dimension()));
            if (batch.size() == options.batch() || i == to - 1) {
                collection.upsert(batch);
                progress.advance(batch.size());
                batch = new ArrayList<>(options.batch());
            }
        }
    }

    private static String runProbe(Path directory, Options options) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), RestartProbe.class.getName(), directory.toString(),
                Integer.toString(options.dimension()), Long.toString(options.count()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!child.waitFor(10, TimeUnit.MINUTES) || child.exitValue() != 0) {
            throw new IllegalStateException("the restart probe failed: " + output);
        }
        return output.lines().reduce((a, b) -> b).orElseThrow();
    }

    private static double rssOf(String probeJson) {
        int at = probeJson.indexOf("\"rss_mb\":") + "\"rss_mb\":".length();
        int end = probeJson.indexOf(',', at);
        return Double.parseDouble(probeJson.substring(at, end));
    }

    private static void deleteContents(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(directory)) {
                    Files.delete(path);
                }
            }
        }
    }
}
