package io.proximadb.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.ProximaDB;
import io.proximadb.server.config.ServerConfig;
import io.proximadb.server.http.ProximaServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server on a free loopback port over a fresh database, for one SDK's test suite, which runs
 * as a separate process in its own language ({@link #run}). The suite finds the server in the
 * environment variable {@code PROXIMA_URL} and the shared scenario in {@code PROXIMA_SCENARIO}.
 */
public abstract class SdkSuite {

    /** The repository's {@code clients/} directory (Maven runs tests in {@code clients/conformance}). */
    protected static final Path CLIENTS = Path.of("..").toAbsolutePath().normalize();
    protected static final Path SCENARIO = CLIENTS.resolve("conformance").resolve("scenario.json");

    @TempDir
    static Path data;

    protected static ProximaServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ProximaServer.start(ServerConfig.defaults().withPort(0).withDrainTimeout(Duration.ofSeconds(5)),
                () -> ProximaDB.open(data.resolve("db")), line -> { });
        server.readiness().get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** What a process printed and how it ended. */
    protected record Outcome(int exitCode, String output, Duration took) {
    }

    /**
     * Runs {@code command} in {@code directory} with the server's URL and the scenario's path in its
     * environment, and returns when it ends (or fails the test after {@code timeout}).
     */
    protected static Outcome run(List<String> command, Path directory, Map<String, String> environment,
                                 Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile("sdk-suite", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("PROXIMA_URL", server.uri().toString());
        builder.environment().put("PROXIMA_SCENARIO", SCENARIO.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertThat(finished).as(String.join(" ", command) + " did not finish within " + timeout + ":\n" + output)
                .isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // Shown in the build log, so that each suite's duration is on record.
        System.out.println(String.join(" ", command) + " took " + took.toMillis() + " ms:\n" + output);
        return new Outcome(process.exitValue(), output, took);
    }
}
