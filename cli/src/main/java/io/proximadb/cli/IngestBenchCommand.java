package io.proximadb.cli;

import io.proximadb.bench.ingest.IngestBenchmark;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Bulk ingest through the embedded engine, then a restart in a fresh JVM. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Writes random vectors with small metadata through the embedded API (atomic batches, group",
                "commit), lets flushes and merges run, closes, reopens in a fresh JVM and answers one query.",
                "Prints a progress bar, then one JSON line: vectors_per_s, write_amplification, restart_s, rss_mb,",
                "segments and more; the JSON also goes to bench/results/ingest-<dim>d-<count>.json."})
final class IngestBenchCommand implements Runnable {

    @Option(names = "--dim", defaultValue = "128", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dimension;

    @Option(names = "--count", defaultValue = "1000000", description = "Records to write (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--threads", defaultValue = "4", description = "Writer threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--batch", defaultValue = "500", description = "Records per atomic batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--flush-bytes", defaultValue = "67108864",
            description = "Memtable flush threshold, storage.flush_bytes (default: ${DEFAULT-VALUE}).")
    long flushBytes;

    @Option(names = "--dir", description = "Data directory, emptied first (default: a temporary directory).")
    Path directory;

    @Option(names = "--keep", description = "Keep the data directory afterwards.")
    boolean keep;

    @Option(names = "--memtable", description = "The collection's memtable plugin (default: defaults.memtable).")
    String memtable;

    @Override
    public void run() {
        try {
            System.out.println(IngestBenchmark.run(new IngestBenchmark.Options(dimension, count, threads, batch,
                    directory, flushBytes, keep, memtable)));
        } catch (Exception e) {
            throw new IllegalStateException("ingest benchmark failed: " + e.getMessage(), e);
        }
    }
}
