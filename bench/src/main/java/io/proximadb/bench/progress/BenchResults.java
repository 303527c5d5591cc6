package io.proximadb.bench.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where benchmarks put the files they make: {@code bench/results/} of the checkout. */
public final class BenchResults {

    private BenchResults() {
    }

    /** The checkout the launcher runs from ({@code PROXIMA_HOME}), else the working directory. */
    public static Path repository() {
        String home = System.getenv("PROXIMA_HOME");
        return (home == null ? Path.of("") : Path.of(home)).toAbsolutePath().normalize();
    }

    /**
     * {@code $PROXIMA_HOME/bench/results} (the launcher sets {@code PROXIMA_HOME} to the checkout),
     * else {@code bench/results} under the working directory; created if missing.
     */
    public static Path directory() throws IOException {
        Path directory = repository().resolve("bench").resolve("results");
        Files.createDirectories(directory);
        return directory;
    }
}
