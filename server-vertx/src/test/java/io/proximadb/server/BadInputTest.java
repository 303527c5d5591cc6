package io.proximadb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.server.ServerFixture.Reply;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and careless input: every case gets a clear 4xx with the error shape, and the stored data
 * is exactly what it was before.
 */
class BadInputTest extends ApiTest {

    private static final String RECORDS = "/v1/collections/docs/records";

    private String before;

    @BeforeEach
    void seed() {
        server.post("/v1/collections", "{\"name\": \"docs\", \"dimension\": 2, \"metric\": \"cosine\"}");
        server.put(RECORDS, RecordsApiTest.THREE_RECORDS);
        before = contents();
    }

    @AfterEach
    void storedDataIsUnchanged() {
        assertThat(contents()).as("stored data after bad input").isEqualTo(before);
    }

    /** Everything a client can see: counts, sequence, every record with its metadata. */
    private String contents() {
        String collection = server.get("/v1/collections/docs").json().toString().replaceAll("\"storage\":\\{[^}]*}", "");
        String records = server.post("/v1/collections/docs/search",
                "{\"vector\": [1, 1], \"k\": 100, \"include\": [\"metadata\", \"vector\"]}").body();
        return collection + records;
    }

    @Test
    void malformedJsonIsRefused() {
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"x\", \"vector\": [1, 2]"), 400, "invalid_argument",
                "malformed JSON");
        assertError(server.put(RECORDS, "{\"records\": []} trailing"), 400, "invalid_argument", "malformed JSON");
        assertError(server.put(RECORDS, "{'records': []}"), 400, "invalid_argument", "malformed JSON");
        assertError(server.put(RECORDS, ""), 400, "invalid_argument", "the request body is empty");
        assertError(server.put(RECORDS, "null"), 400, "invalid_argument", "the request body is null");
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"x\", \"id\": \"y\", \"vector\": [1, 2]}]}"),
                400, "invalid_argument", "Duplicate field 'id'");
    }

    @Test
    void wrongTypesAreRefusedWithThePathOfTheField() {
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"x\", \"vector\": [1, \"2\"]}]}"), 400,
                "invalid_argument", "wrong type at records[0].vector[1]: expected a number");
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": 7, \"vector\": [1, 2]}]}"), 400,
                "invalid_argument", "wrong type at records[0].id: expected a string");
        assertError(server.put(RECORDS, "{\"records\": {\"id\": \"x\"}}"), 400, "invalid_argument",
                "wrong type at records: expected an array");
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"x\", \"vector\": [1, 2], \"ttl_seconds\": 1.5}]}"), 400,
                "invalid_argument", "records[0].ttl_seconds: expected an integer");
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"x\", \"vector\": [1, null]}]}"), 400,
                "invalid_argument", "records[0].vector[1]");
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"x\", \"vector\": [1, 2], \"metadata\": [1]}]}"), 400,
                "invalid_argument", "records[0].metadata must be a JSON object");
        assertError(server.post("/v1/collections", "{\"name\": \"x\", \"dimension\": \"3\", \"metric\": \"l2\"}"), 400,
                "invalid_argument", "wrong type at dimension: expected an integer");
    }

    @Test
    void unknownFieldsAreRefusedWithTheKnownOnes() {
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"x\", \"vector\": [1, 2], \"meta\": {}}]}"), 400,
                "invalid_argument", "unknown field 'meta' at records[0].meta; known fields: id, metadata, ttl_seconds, vector");
        assertError(server.put(RECORDS, "{\"records\": [], \"atomic\": true}"), 400, "invalid_argument",
                "unknown field 'atomic'");
    }

    @Test
    void wrongDimensionsAndNonNumbersAreRefusedAndTheBatchChangesNothing() {
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"new\", \"vector\": [1, 2]}, {\"id\": \"a\", \"vector\": [1, 2, 3]}]}"),
                400, "invalid_argument", "vector of record 'a' has dimension 3, collection 'docs' expects 2");
        // JSON has no NaN; the nearest a client can send is a string, a bare word or a number out of float range.
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"new\", \"vector\": [\"NaN\", 1]}]}"), 400,
                "invalid_argument", "vector of record 'new' has NaN at index 0");
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"new\", \"vector\": [NaN, 1]}]}"), 400,
                "invalid_argument", "malformed JSON");
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"new\", \"vector\": [1e39, 1]}]}"), 400,
                "invalid_argument", "has an infinite value at index 0");
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"new\", \"vector\": [0, 0]}]}"), 400,
                "invalid_argument", "all zeros");
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"\", \"vector\": [1, 1]}]}"), 400,
                "invalid_argument", "record id must not be empty");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        String huge = "{\"records\": [{\"id\": \"big\", \"vector\": [1, 2], \"metadata\": {\"text\": \""
                + "x".repeat((int) ServerFixture.MAX_BODY_BYTES) + "\"}}]}";
        assertError(server.put(RECORDS, huge), 413, "payload_too_large", "exceeds the limit of 65536 bytes");
    }

    @Test
    void deepNestingIsRefusedBeforeItCanExhaustAStack() {
        String deepFilter = "{\"$not\": ".repeat(40) + "{\"lang\": \"en\"}" + "}".repeat(40);
        assertError(server.post("/v1/collections/docs/records/delete", "{\"filter\": " + deepFilter + "}"), 400,
                "invalid_argument", "filter nests 42 levels deep; the limit is 32");
        String deeperThanJsonAllows = "[".repeat(10_000) + "]".repeat(10_000);
        assertError(server.post("/v1/collections/docs/search", "{\"vector\": [1, 1], \"filter\": " + deeperThanJsonAllows + "}"),
                400, "invalid_argument", "nests deeper than 64 levels");
        String deepMetadata = "{\"a\": ".repeat(40) + "1" + "}".repeat(40);
        assertError(server.put(RECORDS, "{\"records\": [{\"id\": \"new\", \"vector\": [1, 1], \"metadata\": " + deepMetadata + "}]}"),
                400, "invalid_argument", "nests deeper than 32 levels");
    }

    @Test
    void wrongRoutesMethodsAndMediaTypesGetTheirStatus() {
        assertError(server.get("/v2/collections"), 404, "not_found", "no such endpoint: GET /v2/collections");
        assertError(server.send("PATCH", "/v1/collections/docs", "{}"), 405, "method_not_allowed", "PATCH");
        assertError(server.send(server.request("/v1/collections/docs/search")
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build()),
                415, "unsupported_media_type", "application/json");
    }
}
