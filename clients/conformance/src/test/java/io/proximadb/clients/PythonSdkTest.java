package io.proximadb.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.ProximaDB;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.Role;
import io.proximadb.server.config.RateLimit;
import io.proximadb.server.config.ServerConfig;
import io.proximadb.server.http.ProximaServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python SDK's own test suite ({@code clients/python/tests}, pytest, Debian's
 * {@code /usr/bin/python3}) against the real server of {@link SdkSuite}: every verb, the typed errors,
 * the change feed, the README's quick start and the shared conformance scenario.
 *
 * <p>The tests of API keys, roles and rate limiting need a server that has them, which would lock
 * the shared one, so a second server is started here with a writer's and a reader's key and a
 * rate limit of {@value #RATE}/s; pytest finds it in {@code PROXIMA_GUARDED_URL} and the keys in
 * {@code PROXIMA_WRITER_KEY}, {@code PROXIMA_READER_KEY}. Those tests skip themselves without it, so
 * a skip fails this test.
 */
class PythonSdkTest extends SdkSuite {

    private static final Path REPOSITORY = CLIENTS.getParent();
    private static final Path SDK = CLIENTS.resolve("python");
    private static final String PYTHON = "/usr/bin/python3";
    private static final int RATE = 4;

    @Test
    void pythonSuitePassesAgainstTheRealServer() throws Exception {
        Outcome setup = run(List.of("bash", SDK.resolve("setup-tests.sh").toString()), SDK, Map.of(),
                Duration.ofMinutes(15));
        assertThat(setup.exitCode()).as("clients/python/setup-tests.sh failed:\n" + setup.output()).isZero();

        Path guardedData = Files.createDirectories(data.resolve("guarded"));
        Path keysFile = guardedData.resolve("api-keys.json");
        ApiKeyStore keys = new ApiKeyStore(new ApiKeyFile(keysFile));
        String writer = keys.create("default", Role.WRITER, "python sdk tests: writer").key();
        String reader = keys.create("default", Role.READER, "python sdk tests: reader").key();
        ServerConfig config = ServerConfig.defaults().withPort(0).withDrainTimeout(Duration.ofSeconds(5))
                .withKeysFile(keysFile).withRateLimit(new RateLimit(RATE, RATE));
        try (ProximaServer guarded = ProximaServer.start(config, () -> ProximaDB.open(guardedData.resolve("db")),
                line -> { })) {
            guarded.readiness().get(60, TimeUnit.SECONDS);
            Outcome tests = run(
                    List.of(PYTHON, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "clients/python/tests"),
                    REPOSITORY,
                    Map.of("PYTHONPATH", SDK.resolve("src").toString(),
                            "PYTHONDONTWRITEBYTECODE", "1",
                            "PROXIMA_GUARDED_URL", guarded.uri().toString(),
                            "PROXIMA_GUARDED_RATE", RATE + "/" + RATE,
                            "PROXIMA_WRITER_KEY", writer,
                            "PROXIMA_READER_KEY", reader),
                    Duration.ofMinutes(10));
            assertThat(tests.exitCode()).as("pytest failed:\n" + tests.output()).isZero();
            assertThat(tests.output()).as("every test must run:\n" + tests.output())
                    .contains(" passed").doesNotContain("skipped");
        }
    }
}
