package io.proximadb.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.ProximaDB;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.Role;
import io.proximadb.server.config.ServerConfig;
import io.proximadb.server.http.ProximaServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript SDK's own test suite ({@code clients/typescript}, Node's test runner) against the
 * real server {@link SdkSuite} starts: the verbs, typed errors, retries, the change feed, bulk
 * upserts, the shared conformance scenario and the README's quick start. A second server, with an
 * API key file, serves the API-key test ({@code PROXIMA_AUTH_URL} and an admin key in
 * {@code PROXIMA_ADMIN_KEY}), so that turning authentication on never touches the first one.
 * Needs Node.js 20 or newer; {@code setup-tests.sh} says so clearly when it is missing and
 * installs the locked npm dependencies.
 */
class TypeScriptSdkTest extends SdkSuite {

    private static final Path SDK = CLIENTS.resolve("typescript");

    private static ProximaServer secured;
    private static String adminKey;

    @BeforeAll
    static void startSecuredServer() throws Exception {
        Path keys = data.resolve("keys.json");
        adminKey = new ApiKeyStore(new ApiKeyFile(keys)).create("default", Role.ADMIN, "typescript sdk test").key();
        secured = ProximaServer.start(ServerConfig.defaults().withPort(0).withKeysFile(keys)
                        .withDrainTimeout(Duration.ofSeconds(5)),
                () -> ProximaDB.open(data.resolve("secured")), line -> { });
        secured.readiness().get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopSecuredServer() {
        if (secured != null) {
            secured.close();
        }
    }

    @Test
    void theTypeScriptSuitePassesAgainstARealServer() throws Exception {
        Outcome setup = run(List.of("bash", SDK.resolve("setup-tests.sh").toString()), SDK, Map.of(),
                Duration.ofMinutes(5));
        assertThat(setup.exitCode()).as("setup-tests.sh failed:\n" + setup.output()).isZero();

        Outcome tests = run(List.of("npm", "test", "--silent"), SDK,
                Map.of("PROXIMA_AUTH_URL", secured.uri().toString(), "PROXIMA_ADMIN_KEY", adminKey),
                Duration.ofMinutes(5));
        assertThat(tests.exitCode()).as("npm test failed:\n" + tests.output()).isZero();
        // Nothing may pass by being skipped (the key test skips itself only when run by hand without a secured server).
        assertThat(tests.output()).contains("the conformance scenario", "quick start output:", "# fail 0")
                .contains("# skipped 0").doesNotContain("# skipped 1");
    }
}
