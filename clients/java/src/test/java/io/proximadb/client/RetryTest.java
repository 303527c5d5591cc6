package io.proximadb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.proximadb.api.ProximaDB;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.Role;
import io.proximadb.server.config.RateLimit;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls refused with 429 or 503 are tried again, after the server's retry-after or a backoff; others are not. */
class RetryTest {

    @TempDir
    Path directory;

    @Test
    void aRateLimitedCallWaitsTheServersRetryAfterAndSucceeds() {
        Path keyFile = directory.resolve("api-keys.json");
        String key = new ApiKeyStore(new ApiKeyFile(keyFile)).create("acme", Role.WRITER, "").key();
        // One request a second, no burst: the second call in a row is refused with retry-after: 1.
        try (LiveServer server = LiveServer.start(directory.resolve("data"),
                config -> config.withKeysFile(keyFile).withRateLimit(new RateLimit(1, 1)))) {
            try (RemoteDatabase noRetries = server.connect(ClientOptions.defaults().withApiKey(key).withRetries(0))) {
                noRetries.listCollections();
                ServerException.RateLimited refused = catchThrowableOfType(ServerException.RateLimited.class,
                        noRetries::listCollections);
                assertThat(refused.code()).isEqualTo("rate_limited");
                assertThat(refused.grpcStatus()).isEqualTo("RESOURCE_EXHAUSTED");
                assertThat(refused.retryAfter()).hasValue(Duration.ofSeconds(1));
                assertThat(refused.requestId()).isPresent();
            }
            try (RemoteDatabase retrying = server.connect(ClientOptions.defaults().withApiKey(key).withRetries(3))) {
                long start = System.nanoTime();
                // The bucket is empty again after the previous refusal: each call needs one retry after 1 s.
                retrying.listCollections();
                retrying.listCollections();
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(tookMillis).as("two calls, each refused once with retry-after 1 s").isGreaterThanOrEqualTo(1_000);
            }
        }
    }

    @Test
    void anUnavailableServerIsRetriedWithBackoffUntilItServes() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        Path data = directory.resolve("slow");
        // The server answers 503 (UNAVAILABLE) until its database is open.
        try (LiveServer server = LiveServer.starting(() -> {
            open.await(60, TimeUnit.SECONDS);
            return ProximaDB.open(data);
        }, config -> config)) {
            try (RemoteDatabase noRetries = server.connect(ClientOptions.defaults().withRetries(0))) {
                ServerException.Unavailable refused = catchThrowableOfType(ServerException.Unavailable.class,
                        noRetries::listCollections);
                assertThat(refused.code()).isEqualTo("unavailable");
                assertThat(refused.grpcStatus()).isEqualTo("UNAVAILABLE");
                assertThat(refused.requestId()).isPresent();
            }
            Thread opener = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                open.countDown();
            });
            try (RemoteDatabase retrying = server.connect(ClientOptions.defaults().withRetries(30)
                    .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)))) {
                long start = System.nanoTime();
                assertThat(retrying.listCollections()).isEmpty();
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(500);
            }
            opener.join();
        }
    }

    @Test
    void anUnreachableServerIsUnavailableOnceTheRetriesAreSpent() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (RemoteDatabase db = ProximaClient.connect(URI.create("http://127.0.0.1:" + closedPort),
                ClientOptions.defaults().withRetries(2).withBackoff(Duration.ofMillis(100), Duration.ofMillis(100)))) {
            long start = System.nanoTime();
            ServerException.Unavailable e = catchThrowableOfType(ServerException.Unavailable.class, db::listCollections);
            assertThat(e.requestId()).as("no server, no request id").isEmpty();
            // Two waits of 50 to 100 ms each (half fixed, half jitter).
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(100);
        }
    }

    @Test
    void errorsThatAreNotRefusalsAreNotRetried() {
        Retrier retrier = new Retrier(ClientOptions.defaults());
        assertThat(retrier.delay(new io.proximadb.api.ProximaException.InvalidArgument("x"), 0)).isNull();
        assertThat(retrier.delay(new ServerException.Timeout("x", null), 0)).isNull();
        assertThat(retrier.delay(new ServerException.RateLimited("x", Duration.ofSeconds(7), null), 0))
                .isEqualTo(Duration.ofSeconds(7));
        // Without retry-after: exponential, capped by maxBackoff (5 s), never below half the step.
        assertThat(retrier.delay(new ServerException.Unavailable("x", null, null), 0)).isBetween(
                Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(retrier.delay(new ServerException.Unavailable("x", null, null), 3)).isBetween(
                Duration.ofMillis(400), Duration.ofMillis(800));
        assertThat(retrier.delay(new ServerException.Unavailable("x", null, null), 30)).isBetween(
                Duration.ofMillis(2_500), Duration.ofSeconds(5));
    }
}
