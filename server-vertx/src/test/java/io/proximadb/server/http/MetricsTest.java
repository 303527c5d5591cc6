package io.proximadb.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.server.NoBlockedThreads;
import io.proximadb.server.ServerFixture;
import io.proximadb.server.ServerFixture.Reply;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.Role;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} over a real server: the figures follow what the requests did. */
@ExtendWith(NoBlockedThreads.class)
class MetricsTest {

    @TempDir
    Path directory;

    @Test
    void requestsSearchesAndCollectionFiguresAreExposed() {
        try (ServerFixture server = ServerFixture.open(directory)) {
            server.post("/v1/collections", "{\"name\": \"docs\", \"dimension\": 2, \"metric\": \"l2\"}");
            server.put("/v1/collections/docs/records", "{\"records\": [{\"id\": \"a\", \"vector\": [1, 0]},"
                    + " {\"id\": \"b\", \"vector\": [0, 1]}, {\"id\": \"c\", \"vector\": [1, 1]}]}");
            for (int i = 0; i < 3; i++) {
                server.post("/v1/collections/docs/search", "{\"vector\": [1, 0], \"k\": 2}");
            }
            server.post("/v1/collections/docs/records/delete", "{\"ids\": [\"c\"]}");
            server.get("/v1/collections/nope");

            Reply metrics = server.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("content-type")).startsWith("text/plain; version=0.0.4");
            String text = metrics.body();
            assertThat(value(text, "proxima_search_seconds_count")).isEqualTo(3);
            assertThat(value(text, "proxima_records_upserted_total")).isEqualTo(3);
            assertThat(value(text, "proxima_records_deleted_total")).isEqualTo(1);
            assertThat(value(text, "proxima_collection_records{collection=\"docs\",tenant=\"default\"}")).isEqualTo(2);
            assertThat(text).contains("proxima_collection_wal_written_bytes{collection=\"docs\",tenant=\"default\"}");
            // Requests by route template and status, never by raw path.
            assertThat(text).containsPattern(
                    "vertx_http_server_requests_total\\{[^}]*code=\"200\"[^}]*route=\"/v1/collections/:name/search\"[^}]*} 3");
            assertThat(text).containsPattern("vertx_http_server_requests_total\\{[^}]*code=\"404\"");
            assertThat(text).doesNotContain("/v1/collections/nope");
            assertThat(text).contains("vertx_pool_", "jvm_memory_used_bytes");
            // The three searches, and nothing else, ran on the search pool.
            assertThat(text).containsPattern(
                    "vertx_pool_usage_seconds_count\\{[^}]*pool_name=\"proxima-search\"[^}]*} 3");
        }
    }

    @Test
    void withKeysOnlyTheDefaultTenantsAdminMayScrape() {
        Path keyFile = directory.resolve("keys.json");
        ApiKeyStore keys = new ApiKeyStore(new ApiKeyFile(keyFile));
        String operator = keys.create("default", Role.ADMIN, "").key();
        String reader = keys.create("default", Role.READER, "").key();
        String otherAdmin = keys.create("acme", Role.ADMIN, "").key();
        try (ServerFixture server = ServerFixture.open(directory.resolve("data"), config -> config.withKeysFile(keyFile))) {
            assertThat(server.send("GET", "/metrics", null, null).status()).isEqualTo(401);
            assertThat(server.send("GET", "/metrics", null, otherAdmin).status()).isEqualTo(404);
            assertThat(server.send("GET", "/metrics", null, reader).status()).isEqualTo(403);
            assertThat(server.send("GET", "/metrics", null, operator).status()).isEqualTo(200);
        }
    }

    private static double value(String exposition, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        assertThat(line.find()).as(series + " in\n" + exposition).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
