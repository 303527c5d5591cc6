package io.proximadb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.proximadb.server.ServerFixture.Reply;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/collections/{name}/records}: upsert, get, delete one, delete by ids or filter, expiry. */
class RecordsApiTest extends ApiTest {

    static final String THREE_RECORDS = "{\"records\": ["
            + "{\"id\": \"a\", \"vector\": [1, 0], \"metadata\": {\"lang\": \"en\", \"year\": 2024}},"
            + "{\"id\": \"b\", \"vector\": [0, 1], \"metadata\": {\"lang\": \"fr\", \"year\": 2023}},"
            + "{\"id\": \"c\", \"vector\": [1, 1], \"metadata\": {\"lang\": \"en\", \"year\": 2021}}]}";

    @BeforeEach
    void seed() {
        assertThat(server.post("/v1/collections", "{\"name\": \"docs\", \"dimension\": 2, \"metric\": \"l2\"}").status())
                .isEqualTo(201);
    }

    @Test
    void recordsAreUpsertedReadReplacedAndDeletedAndSurviveARestart() {
        Reply upserted = server.put("/v1/collections/docs/records", THREE_RECORDS);
        assertThat(upserted.status()).as(upserted.body()).isEqualTo(200);
        assertThat(upserted.json().path("upserted").asInt()).isEqualTo(3);

        JsonNode a = server.get("/v1/collections/docs/records/a").json();
        assertThat(a.path("id").asText()).isEqualTo("a");
        assertThat(a.path("vector").toString()).isEqualTo("[1.0,0.0]");
        assertThat(a.path("metadata").toString()).isEqualTo("{\"lang\":\"en\",\"year\":2024}");
        assertThat(a.has("expires_at")).isFalse();

        server.put("/v1/collections/docs/records", "{\"records\": [{\"id\": \"a\", \"vector\": [0.5, 0.25]}]}");
        assertThat(server.get("/v1/collections/docs/records/a").json().path("vector").toString()).isEqualTo("[0.5,0.25]");

        Reply deleted = server.delete("/v1/collections/docs/records/b");
        assertThat(deleted.status()).isEqualTo(204);
        assertError(server.get("/v1/collections/docs/records/b"), 404, "not_found", "record 'b' does not exist");
        assertThat(server.delete("/v1/collections/docs/records/never-there").status()).isEqualTo(204);

        server.close();
        server = ServerFixture.open(directory);
        assertThat(server.get("/v1/collections/docs/records/a").json().path("vector").toString()).isEqualTo("[0.5,0.25]");
        assertThat(server.get("/v1/collections/docs/records/b").status()).isEqualTo(404);
        assertThat(server.get("/v1/collections/docs").json().path("live_records").asLong()).isEqualTo(2);
    }

    @Test
    void idsThatNeedEscapingRoundTripThroughThePath() {
        server.put("/v1/collections/docs/records", "{\"records\": [{\"id\": \"doc/1 é?\", \"vector\": [1, 2]}]}");
        Reply reply = server.get("/v1/collections/docs/records/doc%2F1%20%C3%A9%3F");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("id").asText()).isEqualTo("doc/1 é?");
    }

    @Test
    void aRecordWithTtlCarriesItsExpiry() {
        long before = System.currentTimeMillis();
        server.put("/v1/collections/docs/records", "{\"records\": [{\"id\": \"t\", \"vector\": [1, 2], \"ttl_seconds\": 3600}]}");
        Instant expiresAt = Instant.parse(server.get("/v1/collections/docs/records/t").json().path("expires_at").asText());
        assertThat(expiresAt.toEpochMilli()).isBetween(before + 3_600_000, System.currentTimeMillis() + 3_600_000);

        assertError(server.put("/v1/collections/docs/records", "{\"records\": [{\"id\": \"u\", \"vector\": [1, 2], \"ttl_seconds\": 0}]}"),
                400, "invalid_argument", "records[0].ttl_seconds must be between 1 and");
    }

    @Test
    void deleteByIdsOrFilterIsAtomicAndCounts() {
        server.put("/v1/collections/docs/records", THREE_RECORDS);

        Reply byIds = server.post("/v1/collections/docs/records/delete", "{\"ids\": [\"b\", \"absent\"]}");
        assertThat(byIds.status()).as(byIds.body()).isEqualTo(200);
        assertThat(byIds.json().path("deleted").asLong()).isEqualTo(2);
        assertThat(server.get("/v1/collections/docs/records/b").status()).isEqualTo(404);

        Reply byFilter = server.post("/v1/collections/docs/records/delete",
                "{\"filter\": {\"lang\": \"en\", \"year\": {\"$gte\": 2022}}}");
        assertThat(byFilter.status()).as(byFilter.body()).isEqualTo(200);
        assertThat(byFilter.json().path("deleted").asLong()).isEqualTo(1);
        assertThat(server.get("/v1/collections/docs/records/a").status()).isEqualTo(404);
        assertThat(server.get("/v1/collections/docs/records/c").status()).isEqualTo(200);

        assertError(server.post("/v1/collections/docs/records/delete", "{\"ids\": [\"c\"], \"filter\": {\"lang\": \"en\"}}"),
                400, "invalid_argument", "exactly one of ids");
        assertError(server.post("/v1/collections/docs/records/delete", "{}"), 400, "invalid_argument", "exactly one of ids");
        assertError(server.post("/v1/collections/docs/records/delete", "{\"filter\": {}}"), 400, "invalid_argument",
                "matches every record");
        assertError(server.post("/v1/collections/docs/records/delete", "{\"ids\": []}"), 400, "invalid_argument",
                "ids must not be empty");
        assertError(server.post("/v1/collections/docs/records/delete", "{\"filter\": {\"year\": {\"$near\": 1}}}"),
                400, "invalid_argument", "unknown operator '$near'");
        assertThat(server.get("/v1/collections/docs").json().path("live_records").asLong()).isEqualTo(1);
    }

    @Test
    void recordsOfAnUnknownCollectionAreNotFound() {
        assertError(server.put("/v1/collections/nope/records", "{\"records\": [{\"id\": \"a\", \"vector\": [1, 2]}]}"),
                404, "not_found", "'nope' does not exist");
        assertError(server.get("/v1/collections/nope/records/a"), 404, "not_found", "'nope' does not exist");
        assertError(server.delete("/v1/collections/nope/records/a"), 404, "not_found", "'nope' does not exist");
        assertError(server.post("/v1/collections/nope/records/delete", "{\"ids\": [\"a\"]}"), 404, "not_found", "'nope'");
    }
}
