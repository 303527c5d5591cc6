package io.proximadb.server;

import static io.proximadb.server.ApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The WebSocket change feed over a real server, with a real WebSocket client. */
@ExtendWith(NoBlockedThreads.class)
class ChangeFeedApiTest {

    @TempDir
    Path directory;

    /** Messages and the close of one WebSocket. */
    private static final class Feed implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed.complete(status + " " + reason);
            return null;
        }

        JsonNode next() throws Exception {
            String message = messages.poll(30, TimeUnit.SECONDS);
            assertThat(message).as("a change within 30 s").isNotNull();
            return ServerFixture.JSON.readTree(message);
        }
    }

    private static WebSocket connect(ServerFixture server, String path, String key, Feed feed) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        URI uri = URI.create(server.server().uri().toString().replace("http://", "ws://") + path);
        return builder.buildAsync(uri, feed).join();
    }

    @Test
    void upsertsAndDeletesArriveInOrderAsTheyAreAcknowledged() throws Exception {
        try (ServerFixture server = ServerFixture.open(directory)) {
            server.post("/v1/collections", "{\"name\": \"docs\", \"dimension\": 2, \"metric\": \"l2\"}");
            Feed feed = new Feed();
            WebSocket socket = connect(server, "/v1/collections/docs/changes", null, feed);
            server.put("/v1/collections/docs/records", "{\"records\": [{\"id\": \"a\", \"vector\": [1, 0], "
                    + "\"metadata\": {\"lang\": \"en\", \"year\": 2020}, \"ttl_seconds\": 3600}, {\"id\": \"b\", \"vector\": [0, 1]}]}");
            server.delete("/v1/collections/docs/records/a");
            server.post("/v1/collections/docs/records/delete", "{\"filter\": {\"lang\": {\"$exists\": false}}}");

            JsonNode a = feed.next();
            assertThat(a.path("op").asText()).isEqualTo("upsert");
            assertThat(a.path("id").asText()).isEqualTo("a");
            assertThat(a.path("vector").toString()).isEqualTo("[1.0,0.0]");
            assertThat(a.path("metadata").path("year").isIntegralNumber()).isTrue();
            assertThat(a.path("expires_at").asText()).isNotEmpty();
            JsonNode b = feed.next();
            assertThat(b.path("id").asText()).isEqualTo("b");
            assertThat(b.path("sequence").asLong()).isGreaterThan(a.path("sequence").asLong());
            JsonNode deleteA = feed.next();
            assertThat(deleteA.path("op").asText()).isEqualTo("delete");
            assertThat(deleteA.path("id").asText()).isEqualTo("a");
            assertThat(deleteA.has("vector")).isFalse();
            JsonNode deleteB = feed.next();
            assertThat(deleteB.path("id").asText()).isEqualTo("b");

            // Dropping the collection ends the feed from the server's side.
            server.delete("/v1/collections/docs");
            assertThat(feed.closed.get(30, TimeUnit.SECONDS)).startsWith("1001");
            assertThat(socket.isInputClosed()).isTrue();
        }
    }

    @Test
    void refusalsAreOrdinaryHttpErrorsBeforeTheUpgrade() throws Exception {
        Path keyFile = directory.resolve("keys.json");
        ApiKeyStore keys = new ApiKeyStore(new ApiKeyFile(keyFile));
        String writer = keys.create("acme", Role.WRITER, "").key();
        String reader = keys.create("acme", Role.READER, "").key();
        String other = keys.create("globex", Role.ADMIN, "").key();
        try (ServerFixture server = ServerFixture.open(directory.resolve("data"), config -> config.withKeysFile(keyFile))) {
            server.send("POST", "/v1/collections", "{\"name\": \"docs\", \"dimension\": 2, \"metric\": \"l2\"}", writer);
            assertError(server.send("GET", "/v1/collections/docs/changes", null, reader), 400, "invalid_argument",
                    "with a WebSocket");
            assertThat(upgradeFailure(server, "/v1/collections/docs/changes", null)).contains("401");
            assertThat(upgradeFailure(server, "/v1/collections/docs/changes", other)).contains("404");
            assertThat(upgradeFailure(server, "/v1/collections/nope/changes", reader)).contains("404");

            // A reader may watch; a browser passes its key as ?access_token=.
            Feed feed = new Feed();
            connect(server, "/v1/collections/docs/changes?access_token=" + reader, null, feed);
            server.send("PUT", "/v1/collections/docs/records", "{\"records\": [{\"id\": \"x\", \"vector\": [1, 1]}]}",
                    writer);
            assertThat(feed.next().path("id").asText()).isEqualTo("x");
            assertThat(server.accessLines()).noneMatch(line -> line.contains(reader));
        }
    }

    @Test
    void revokingTheKeyOfAnOpenFeedEndsIt() throws Exception {
        Path keyFile = directory.resolve("keys.json");
        ApiKeyStore keys = new ApiKeyStore(new ApiKeyFile(keyFile));
        String admin = keys.create("acme", Role.ADMIN, "").key();
        var reader = keys.create("acme", Role.READER, "");
        try (ServerFixture server = ServerFixture.open(directory.resolve("data"), config -> config.withKeysFile(keyFile))) {
            server.send("POST", "/v1/collections", "{\"name\": \"docs\", \"dimension\": 2, \"metric\": \"l2\"}", admin);
            Feed feed = new Feed();
            WebSocket socket = connect(server, "/v1/collections/docs/changes", reader.key(), feed);
            assertThat(server.send("DELETE", "/v1/keys/" + reader.stored().id(), null, admin).status()).isEqualTo(204);
            assertThat(feed.closed.get(30, TimeUnit.SECONDS)).startsWith("1008").contains("revoked");
            assertThat(socket.isInputClosed()).isTrue();
        }
    }

    private static String upgradeFailure(ServerFixture server, String path, String key) {
        try {
            connect(server, path, key, new Feed());
            return "connected";
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode() + " " + refused.getResponse().body();
            }
            return String.valueOf(e.getCause());
        }
    }
}
