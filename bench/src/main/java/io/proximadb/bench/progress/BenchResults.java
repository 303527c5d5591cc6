package io.proximadb.bench.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where benchmarks put the files they make: {@code bench/results/} of the checkout. */
public final class BenchResults {

    private BenchResults() {
    }

    /**
     * {@code $PROXIMA_HOME/bench/results} (the launcher sets {@code PROXIMA_HOME} to the checkout),
     * else {@code bench/results} under the working directory; created if missing.
     */
    public static Path directory() throws IOException {
        String home = System.getenv("PROXIMA_HOME");
        Path directory = (home == null ? Path.of("") : Path.of(home)).resolve("bench").resolve("results");
        Files.createDirectories(directory);
        return directory;
    }
}
