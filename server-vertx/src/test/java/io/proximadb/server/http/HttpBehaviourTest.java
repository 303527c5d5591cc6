package io.proximadb.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.ProximaDB;
import io.proximadb.server.NoBlockedThreads;
import io.proximadb.server.ServerFixture;
import io.proximadb.server.ServerFixture.Reply;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What every response carries, health and readiness, HTTP/2 and the access log. */
@ExtendWith(NoBlockedThreads.class)
class HttpBehaviourTest {

    @TempDir
    Path directory;

    @Test
    void aRequestIdIsEchoedSanitisedOrGeneratedAndReachesErrorsAndTheAccessLog() {
        try (ServerFixture server = ServerFixture.open(directory)) {
            Reply echoed = server.send(server.request("/v1/collections/nope").header("X-Request-Id", "trace-42:a.b_c").GET().build());
            assertThat(echoed.header("x-request-id")).isEqualTo("trace-42:a.b_c");
            assertThat(echoed.json().path("error").path("request_id").asText()).isEqualTo("trace-42:a.b_c");

            Reply sanitised = server.send(server.request("/healthz").header("X-Request-Id", "a<script>\"b").GET().build());
            assertThat(sanitised.header("x-request-id")).isEqualTo("ascriptb");
            Reply truncated = server.send(server.request("/healthz").header("X-Request-Id", "x".repeat(300)).GET().build());
            assertThat(truncated.header("x-request-id")).hasSize(io.proximadb.server.service.RequestId.MAX_LENGTH);

            Reply generated = server.get("/healthz");
            Reply another = server.send(server.request("/healthz").header("X-Request-Id", "<>!").GET().build());
            assertThat(generated.header("x-request-id")).matches("[0-9a-f-]{36}");
            assertThat(another.header("x-request-id")).matches("[0-9a-f-]{36}").isNotEqualTo(generated.header("x-request-id"));

            assertThat(server.accessLines()).anySatisfy(line -> assertThat(line)
                    .contains("\"request_id\":\"trace-42:a.b_c\"", "\"method\":\"GET\"", "\"path\":\"/v1/collections/nope\"",
                            "\"status\":404", "\"type\":\"access\"", "\"completed\":true"));
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        try (ServerFixture server = ServerFixture.open(directory)) {
            for (Reply reply : new Reply[] {server.get("/healthz"), server.get("/v1/collections"), server.get("/nowhere"),
                    server.post("/v1/collections", "{")}) {
                assertThat(reply.header("x-content-type-options")).as(reply.body()).isEqualTo("nosniff");
                assertThat(reply.header("x-frame-options")).isEqualTo("DENY");
                assertThat(reply.header("content-security-policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
                assertThat(reply.header("cache-control")).isEqualTo("no-store");
            }
        }
    }

    @Test
    void readinessWaitsForTheDatabaseWhileLivenessDoesNot() throws Exception {
        CountDownLatch recovered = new CountDownLatch(1);
        try (ServerFixture server = ServerFixture.opening(() -> {
            recovered.await(30, TimeUnit.SECONDS);
            return ProximaDB.open(directory);
        }, HttpClient.Version.HTTP_1_1)) {
            assertThat(server.get("/healthz").status()).isEqualTo(200);
            assertThat(server.get("/healthz").json().path("status").asText()).isEqualTo("alive");
            Reply notReady = server.get("/readyz");
            assertThat(notReady.status()).isEqualTo(503);
            assertThat(notReady.errorCode()).isEqualTo("unavailable");
            assertThat(notReady.errorMessage()).contains("still opening");
            assertThat(notReady.header("retry-after")).isEqualTo("1");
            assertThat(server.get("/v1/collections").status()).isEqualTo(503);

            recovered.countDown();
            server.awaitReady();
            assertThat(server.get("/readyz").status()).isEqualTo(200);
            assertThat(server.get("/readyz").json().path("status").asText()).isEqualTo("ready");
            assertThat(server.get("/v1/collections").status()).isEqualTo(200);
        }
    }

    @Test
    void aDatabaseThatCannotOpenLeavesTheServerAliveButNeverReady() {
        try (ServerFixture server = ServerFixture.opening(() -> {
            throw new IllegalStateException("disk on fire");
        }, HttpClient.Version.HTTP_1_1)) {
            assertThat(server.server().readiness()).failsWithin(java.time.Duration.ofSeconds(10));
            assertThat(server.get("/healthz").status()).isEqualTo(200);
            assertThat(server.get("/readyz").errorMessage()).contains("failed to open");
        }
    }

    @Test
    void cleartextHttp2IsServedOnTheSamePort() {
        try (ServerFixture server = ServerFixture.opening(() -> ProximaDB.open(directory), HttpClient.Version.HTTP_2)) {
            server.awaitReady();
            Reply health = server.get("/healthz");
            assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
            Reply created = server.post("/v1/collections", "{\"name\": \"h2\", \"dimension\": 2, \"metric\": \"l2\"}");
            assertThat(created.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(created.status()).isEqualTo(201);
            assertThat(server.accessLines()).anySatisfy(line -> assertThat(line).contains("\"protocol\":\"h2\""));
        }
    }

    @Test
    void aKnownPathWithAnotherMethodIs405EverywhereNot404() {
        try (ServerFixture server = ServerFixture.open(directory)) {
            for (String path : List.of("/healthz", "/readyz", "/openapi.json", "/metrics", "/v1/collections")) {
                Reply reply = server.send("PATCH", path, null);
                assertThat(reply.status()).as("PATCH " + path).isEqualTo(405);
                assertThat(reply.errorCode()).isEqualTo("method_not_allowed");
            }
        }
    }
}
