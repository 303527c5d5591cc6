package io.proximadb.cli;

import io.proximadb.bench.wal.GroupCommitBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes per second with 1, 4, 16 and 64 concurrent writers, under group commit and under fsync-per-write. */
@Command(name = "group-commit", mixinStandardHelpOptions = true,
        description = {"Measures the write-ahead log on the local disk: N writer threads append 128-d upserts for a few",
                "seconds under wal.fsync=group and wal.fsync=always; prints a line per setting as it finishes and,",
                "last, one JSON object of all figures."})
final class GroupCommitBenchCommand implements Runnable {

    @Option(names = "--seconds", defaultValue = "5", description = "Seconds per setting (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--threads", split = ",", defaultValue = "1,4,16,64",
            description = "Writer thread counts (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--codec", defaultValue = "bincode", description = "WAL codec (default: ${DEFAULT-VALUE}).")
    String codec;

    @Option(names = "--dir", description = "Directory for the logs (default: a temporary directory; use one on the disk to measure).")
    String directory;

    @Override
    public void run() {
        List<String> args = new ArrayList<>(List.of(Double.toString(seconds),
                threads.stream().map(String::valueOf).collect(Collectors.joining(",")), codec));
        if (directory != null) {
            args.add(directory);
        }
        try {
            GroupCommitBenchmark.main(args.toArray(String[]::new));
        } catch (Exception e) {
            throw new IllegalStateException("group-commit benchmark failed: " + e.getMessage(), e);
        }
    }
}
