package io.proximadb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.proximadb.server.ServerFixture.Reply;
import org.junit.jupiter.api.Test;

/** {@code /v1/collections}: create, list, describe, drop, and their errors. */
class CollectionsApiTest extends ApiTest {

    @Test
    void aCollectionIsCreatedListedDescribedWithCountsAndDropped() {
        Reply created = server.post("/v1/collections",
                "{\"name\": \"docs\", \"dimension\": 3, \"metric\": \"cosine\", \"memtable\": \"art\", \"wal\": \"avro\","
                        + " \"index\": \"flat\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("name").asText()).isEqualTo("docs");
        assertThat(created.json().path("memtable").asText()).isEqualTo("art");
        assertThat(created.json().path("wal").asText()).isEqualTo("avro");
        server.post("/v1/collections", "{\"name\": \"alpha\", \"dimension\": 2, \"metric\": \"l2\"}");
        server.put("/v1/collections/docs/records", "{\"records\": [{\"id\": \"a\", \"vector\": [1, 2, 3]},"
                + " {\"id\": \"b\", \"vector\": [3, 2, 1]}]}");

        Reply list = server.get("/v1/collections");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("collections").findValuesAsText("name")).containsExactly("alpha", "docs");

        Reply described = server.get("/v1/collections/docs");
        assertThat(described.status()).isEqualTo(200);
        JsonNode docs = described.json();
        assertThat(docs.path("dimension").asInt()).isEqualTo(3);
        assertThat(docs.path("metric").asText()).isEqualTo("cosine");
        assertThat(docs.path("index").asText()).isEqualTo("flat");
        assertThat(docs.path("live_records").asLong()).isEqualTo(2);
        assertThat(docs.path("last_sequence").asLong()).isPositive();
        assertThat(docs.path("storage").path("wal_bytes_written").asLong()).isPositive();
        assertThat(docs.path("storage").has("segments")).isTrue();

        Reply dropped = server.delete("/v1/collections/docs");
        assertThat(dropped.status()).isEqualTo(204);
        assertThat(dropped.body()).isEmpty();
        assertThat(server.get("/v1/collections/docs").status()).isEqualTo(404);
        assertThat(server.get("/v1/collections").json().path("collections").findValuesAsText("name")).containsExactly("alpha");
    }

    @Test
    void errorsCarryTheirCodeMessageAndRequestId() {
        server.post("/v1/collections", "{\"name\": \"docs\", \"dimension\": 3, \"metric\": \"l2\"}");

        Reply exists = server.post("/v1/collections", "{\"name\": \"docs\", \"dimension\": 3, \"metric\": \"l2\"}");
        assertError(exists, 409, "already_exists", "'docs' already exists");

        assertError(server.get("/v1/collections/nope"), 404, "not_found", "'nope' does not exist");
        assertError(server.delete("/v1/collections/nope"), 404, "not_found", "'nope' does not exist");
        assertError(server.post("/v1/collections", "{\"name\": \"x\", \"dimension\": 3, \"metric\": \"hamming\"}"),
                400, "invalid_argument", "unknown metric 'hamming'");
        assertError(server.post("/v1/collections", "{\"name\": \"x\", \"metric\": \"l2\"}"),
                400, "invalid_argument", "dimension is required");
        assertError(server.post("/v1/collections", "{\"name\": \"bad name!\", \"dimension\": 3, \"metric\": \"l2\"}"),
                400, "invalid_argument", "collection name 'bad name!' is invalid");
        assertError(server.post("/v1/collections", "{\"name\": \"x\", \"dimension\": 3, \"metric\": \"l2\", \"index\": \"annoy\"}"),
                400, "plugin_unavailable", "annoy");
        assertThat(server.get("/v1/collections").json().path("collections").findValuesAsText("name")).containsExactly("docs");
    }
}
