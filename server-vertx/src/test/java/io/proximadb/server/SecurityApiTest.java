package io.proximadb.server;

import static io.proximadb.server.ApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.server.ServerFixture.Reply;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.Role;
import io.proximadb.server.config.RateLimit;
import io.proximadb.server.config.ServerConfig;
import io.proximadb.server.http.ProximaServer;
import io.proximadb.api.ProximaDB;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * API keys, tenants and roles over a real server: every endpoint walked as no key, a bad key, the
 * wrong tenant (404, as if nothing existed) and a role too weak (403), with the data checked
 * unchanged afterwards.
 */
@ExtendWith(NoBlockedThreads.class)
class SecurityApiTest {

    private static final String RECORD = "{\"records\": [{\"id\": \"a\", \"vector\": [1, 0, 0], \"metadata\": {\"lang\": \"en\"}}]}";
    private static final String QUERY = "{\"vector\": [1, 0, 0], \"k\": 3}";

    @TempDir
    Path directory;

    private Path keyFile;
    private ServerFixture server;
    private String adminA;
    private String writerA;
    private String readerA;
    private String adminB;

    @BeforeEach
    void start() {
        keyFile = directory.resolve("api-keys.json");
        ApiKeyStore keys = new ApiKeyStore(new ApiKeyFile(keyFile));
        adminA = keys.create("acme", Role.ADMIN, "admin of acme").key();
        writerA = keys.create("acme", Role.WRITER, "").key();
        readerA = keys.create("acme", Role.READER, "").key();
        adminB = keys.create("globex", Role.ADMIN, "").key();
        server = ServerFixture.open(directory.resolve("data"), config -> config.withKeysFile(keyFile));
        assertThat(server.send("POST", "/v1/collections", "{\"name\": \"docs\", \"dimension\": 3, \"metric\": \"l2\"}",
                writerA).status()).isEqualTo(201);
        assertThat(server.send("PUT", "/v1/collections/docs/records", RECORD, writerA).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Every operation on tenant acme's collection {@code docs}, and the role it needs. */
    private record Call(String method, String path, String body, Role needs) {
    }

    private static List<Call> collectionCalls() {
        return List.of(
                new Call("GET", "/v1/collections/docs", null, Role.READER),
                new Call("GET", "/v1/collections/docs/records/a", null, Role.READER),
                new Call("POST", "/v1/collections/docs/search", QUERY, Role.READER),
                new Call("POST", "/v1/collections/docs/search/batch", "{\"queries\": [" + QUERY + "]}", Role.READER),
                new Call("PUT", "/v1/collections/docs/records", RECORD.replace("\"a\"", "\"b\""), Role.WRITER),
                new Call("POST", "/v1/collections/docs/records/delete", "{\"ids\": [\"a\"]}", Role.WRITER),
                new Call("DELETE", "/v1/collections/docs/records/a", null, Role.WRITER),
                new Call("DELETE", "/v1/collections/docs", null, Role.WRITER));
    }

    @Test
    void withoutAKeyOrWithABadOneEveryEndpointIs401() {
        List<Call> calls = new ArrayList<>(collectionCalls());
        calls.add(new Call("GET", "/v1/collections", null, Role.READER));
        calls.add(new Call("GET", "/v1/keys", null, Role.ADMIN));
        String unknown = "pxk_aaaaaaaaaaaa_" + "A".repeat(43);
        String tampered = readerA.substring(0, readerA.length() - 1) + (readerA.endsWith("A") ? "B" : "A");
        for (Call call : calls) {
            for (String key : Stream.of(null, "not-a-key", unknown, tampered).toList()) {
                Reply reply = server.send(call.method(), call.path(), call.body(), key);
                assertError(reply, 401, "unauthenticated", key == null ? "needs an API key" : "not valid");
                assertThat(reply.header("www-authenticate")).isEqualTo("Bearer realm=\"proximadb\"");
            }
        }
        assertDataUnchanged();
    }

    /** Routes match on the normalised path, so authentication must too: dot segments cannot get round it. */
    @Test
    void pathTricksDoNotBypassAuthentication() throws Exception {
        for (String path : List.of("/./v1/collections", "/x/../v1/collections", "//v1/collections",
                "/v1/./collections/docs")) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.server().port())) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(answer).as(path).startsWith("HTTP/1.1 401").doesNotContain("\"docs\"");
            }
        }
    }

    @Test
    void anotherTenantCannotReadWriteListOrLearnOfTheCollection() {
        for (Call call : collectionCalls()) {
            Reply reply = server.send(call.method(), call.path(), call.body(), adminB);
            assertError(reply, 404, "not_found", "collection 'docs' does not exist");
            assertThat(reply.body()).doesNotContain("acme");
        }
        assertThat(server.send("GET", "/v1/collections", null, adminB).json().path("collections")).isEmpty();
        // The same name is free in the other tenant, and the two never meet.
        assertThat(server.send("POST", "/v1/collections", "{\"name\": \"docs\", \"dimension\": 2, \"metric\": \"l2\"}",
                adminB).status()).isEqualTo(201);
        assertThat(server.send("GET", "/v1/collections/docs", null, adminB).json().path("dimension").asInt()).isEqualTo(2);
        assertThat(server.send("GET", "/v1/collections", null, adminB).json().findValuesAsText("name"))
                .containsExactly("docs");
        assertDataUnchanged();
    }

    @Test
    void errorMessagesNameTheCollectionAsTheTenantKnowsIt() {
        Reply wrongDimension = server.send("PUT", "/v1/collections/docs/records",
                "{\"records\": [{\"id\": \"x\", \"vector\": [1, 0]}]}", writerA);
        assertError(wrongDimension, 400, "invalid_argument", "dimension");
        Reply wrongQuery = server.send("POST", "/v1/collections/docs/search", "{\"vector\": [1, 0], \"k\": 1}", readerA);
        assertError(wrongQuery, 400, "invalid_argument", "'docs'");
        assertThat(wrongDimension.body() + wrongQuery.body()).doesNotContain("acme__");
    }

    @Test
    void aRoleTooWeakIs403AndChangesNothing() {
        for (Call call : collectionCalls()) {
            if (call.needs() == Role.READER) {
                assertThat(server.send(call.method(), call.path(), call.body(), readerA).status()).isEqualTo(200);
            } else {
                assertError(server.send(call.method(), call.path(), call.body(), readerA), 403, "permission_denied",
                        "the key's role 'reader' may not");
            }
        }
        assertError(server.send("POST", "/v1/collections", "{\"name\": \"x\", \"dimension\": 3, \"metric\": \"l2\"}",
                readerA), 403, "permission_denied", "create collections");
        for (String key : List.of(readerA, writerA)) {
            assertError(server.send("GET", "/v1/keys", null, key), 403, "permission_denied", "manage API keys");
            assertError(server.send("POST", "/v1/keys", "{\"role\": \"admin\"}", key), 403, "permission_denied",
                    "manage API keys");
        }
        assertDataUnchanged();
    }

    @Test
    void anAdminManagesItsTenantsKeysOnly() throws Exception {
        Reply created = server.send("POST", "/v1/keys", "{\"role\": \"reader\", \"description\": \"dashboard\"}", adminA);
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().path("key").asText();
        String id = created.json().path("id").asText();
        assertThat(created.json().path("tenant").asText()).isEqualTo("acme");
        assertThat(server.send("GET", "/v1/collections/docs", null, key).status()).isEqualTo(200);

        Reply listed = server.send("GET", "/v1/keys", null, adminA);
        assertThat(listed.json().path("keys").findValuesAsText("tenant")).containsOnly("acme").hasSize(4);
        assertThat(listed.body()).doesNotContain(key.substring(18));
        String stored = Files.readString(keyFile);
        assertThat(stored).contains(id).doesNotContain(key).doesNotContain(key.substring(18));

        assertError(server.send("POST", "/v1/keys", "{\"tenant\": \"globex\", \"role\": \"admin\"}", adminA), 403,
                "permission_denied", "own tenant");
        String globexKeyId = server.send("GET", "/v1/keys", null, adminB).json().path("keys").get(0).path("id").asText();
        assertError(server.send("DELETE", "/v1/keys/" + globexKeyId, null, adminA), 404, "not_found", "does not exist");
        assertThat(server.send("GET", "/v1/keys", null, adminB).status()).isEqualTo(200);

        assertThat(server.send("DELETE", "/v1/keys/" + id, null, adminA).status()).isEqualTo(204);
        assertError(server.send("GET", "/v1/collections/docs", null, key), 401, "unauthenticated", "not valid");
        assertError(server.send("POST", "/v1/keys", "{\"role\": \"root\"}", adminA), 400, "invalid_argument",
                "unknown role 'root'; known roles: reader, writer, admin");
    }

    @Test
    void keysChangedByAnotherProcessAreSeenWhileTheServerRuns() throws Exception {
        ApiKeyStore elsewhere = new ApiKeyStore(new ApiKeyFile(keyFile));
        String late = elsewhere.create("acme", Role.READER, "made by proxima keys").key();
        assertEventuallyStatus(late, 200);
        elsewhere.revoke(elsewhere.list("acme").getLast().id());
        assertEventuallyStatus(late, 401);
    }

    /** The server re-reads the key file within a second; this polls with a deadline, then asserts. */
    private void assertEventuallyStatus(String key, int status) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int seen;
        do {
            seen = server.send("GET", "/v1/collections", null, key).status();
            if (seen == status) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertThat(seen).isEqualTo(status);
    }

    @Test
    void aServerWithoutKeysRunsOpenUntilTheFirstKeyThenStaysClosed() {
        Path otherKeys = directory.resolve("other-keys.json");
        try (ServerFixture open = ServerFixture.open(directory.resolve("open"), config -> config.withKeysFile(otherKeys))) {
            assertThat(open.server().authenticationRequired()).isFalse();
            assertThat(open.get("/v1/collections").status()).isEqualTo(200);
            Reply created = open.post("/v1/keys", "{\"tenant\": \"acme\", \"role\": \"admin\"}");
            assertThat(created.status()).isEqualTo(201);
            assertError(open.get("/v1/collections"), 401, "unauthenticated", "needs an API key");
            String key = created.json().path("key").asText();
            assertThat(open.send("DELETE", "/v1/keys/" + created.json().path("id").asText(), null, key).status())
                    .isEqualTo(204);
            // Revoking the last key locks the door; it does not open it again.
            assertError(open.get("/v1/collections"), 401, "unauthenticated", "needs an API key");
        }
    }

    @Test
    void listeningBeyondLoopbackWithoutKeysIsRefused() {
        ServerConfig exposed = ServerConfig.defaults().withHost("0.0.0.0").withPort(0)
                .withKeysFile(directory.resolve("none.json"));
        assertThatThrownBy(() -> ProximaServer.start(exposed, () -> ProximaDB.open(directory.resolve("x"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refusing to listen on 0.0.0.0 without API keys")
                .hasMessageContaining("--insecure");
        assertThatThrownBy(() -> ProximaServer.start(exposed.withKeysFile(null), () -> ProximaDB.open(directory.resolve("x"))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyOverItsRateLimitGets429WithRetryAfter() {
        try (ServerFixture limited = ServerFixture.open(directory.resolve("limited"),
                config -> config.withKeysFile(keyFile).withRateLimit(new RateLimit(0.01, 2)))) {
            assertThat(limited.send("GET", "/v1/collections", null, readerA).status()).isEqualTo(200);
            assertThat(limited.send("GET", "/v1/collections", null, readerA).status()).isEqualTo(200);
            Reply refused = limited.send("GET", "/v1/collections", null, readerA);
            assertError(refused, 429, "rate_limited", "retry after");
            assertThat(Long.parseLong(refused.header("retry-after"))).isBetween(1L, 100L);
            // Buckets are per key: another key is not held back by the first.
            assertThat(limited.send("GET", "/v1/collections", null, writerA).status()).isEqualTo(200);
        }
    }

    private void assertDataUnchanged() {
        Reply described = server.send("GET", "/v1/collections/docs", null, readerA);
        assertThat(described.status()).as(described.body()).isEqualTo(200);
        assertThat(described.json().path("live_records").asLong()).isEqualTo(1);
        Reply record = server.send("GET", "/v1/collections/docs/records/a", null, readerA);
        assertThat(record.json().path("metadata").path("lang").asText()).isEqualTo("en");
    }
}
