package io.proximadb.cli;

import io.proximadb.bench.hiccup.HiccupMeter;
import io.proximadb.bench.progress.BenchResults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The machine's own stalls, which bound what any latency benchmark on it can show. */
@Command(name = "hiccups", mixinStandardHelpOptions = true,
        description = {"Measures how long this machine takes the CPU away from busy threads (as jHiccup does): "
                + "--threads threads read --megabytes of memory at random for --seconds and record every gap over "
                + "1 ms between two of their time stamps.",
                "Run it before a latency benchmark: a p99 cannot be lower than the gaps that hit 1 %% of requests.",
                "Prints a progress bar, then one JSON line; writes bench/results/hiccups-<threads>t-<megabytes>mb.json. "
                + "Method: docs/bench/load.md."})
final class HiccupBenchCommand implements Runnable {

    @Option(names = "--threads", defaultValue = "2", description = "Busy threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--megabytes", defaultValue = "1024",
            description = "Memory the threads read at random, MB (default: ${DEFAULT-VALUE}).")
    int megabytes;

    @Option(names = "--seconds", defaultValue = "8", description = "How long (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    public void run() {
        if (threads < 1 || megabytes < 0 || seconds <= 0) {
            throw new IllegalArgumentException("need --threads >= 1, --megabytes >= 0 and --seconds > 0, got "
                    + threads + ", " + megabytes + ", " + seconds);
        }
        try {
            String line = HiccupMeter.run(threads, megabytes, seconds);
            Path results = BenchResults.directory();
            Files.writeString(results.resolve("hiccups-" + threads + "t-" + megabytes + "mb.json"), line + "\n",
                    StandardCharsets.UTF_8);
            System.out.println(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write the results: " + e.getMessage(), e);
        }
    }
}
