package io.proximadb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.proximadb.server.ServerFixture.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/collections/{name}/search}: single and batch queries, filters, included fields. */
class SearchApiTest extends ApiTest {

    @BeforeEach
    void seed() {
        server.post("/v1/collections", "{\"name\": \"docs\", \"dimension\": 2, \"metric\": \"l2\"}");
        server.put("/v1/collections/docs/records", RecordsApiTest.THREE_RECORDS);
    }

    @Test
    void aSearchReturnsTheNearestFirstWithWhatWasAskedFor() {
        Reply reply = server.post("/v1/collections/docs/search", "{\"vector\": [1, 0], \"k\": 2}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode results = reply.json().path("results");
        assertThat(results.findValuesAsText("id")).containsExactly("a", "c");
        assertThat(results.get(0).path("score").asDouble()).isZero();
        assertThat(results.get(1).path("score").asDouble()).isEqualTo(1.0);
        assertThat(results.get(0).has("metadata")).isFalse();
        assertThat(results.get(0).has("vector")).isFalse();

        JsonNode full = server.post("/v1/collections/docs/search",
                "{\"vector\": [1, 0], \"k\": 1, \"include\": [\"metadata\", \"vector\"]}").json().path("results").get(0);
        assertThat(full.path("metadata").path("lang").asText()).isEqualTo("en");
        assertThat(full.path("vector").toString()).isEqualTo("[1.0,0.0]");
    }

    @Test
    void aFilterSelectsByMetadataAndKDefaultsToTen() {
        JsonNode results = server.post("/v1/collections/docs/search",
                "{\"vector\": [1, 0], \"filter\": {\"$or\": [{\"lang\": \"fr\"}, {\"year\": {\"$lt\": 2022}}]}}")
                .json().path("results");
        assertThat(results.findValuesAsText("id")).containsExactly("c", "b");
    }

    @Test
    void aBatchAnswersEachQueryInOrder() {
        Reply reply = server.post("/v1/collections/docs/search/batch", "{\"queries\": ["
                + "{\"vector\": [0, 1], \"k\": 1},"
                + "{\"vector\": [1, 0], \"k\": 1, \"filter\": {\"year\": 2021}, \"include\": [\"metadata\"]}]}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode responses = reply.json().path("responses");
        assertThat(responses).hasSize(2);
        assertThat(responses.get(0).path("results").findValuesAsText("id")).containsExactly("b");
        assertThat(responses.get(1).path("results").get(0).path("metadata").path("year").asInt()).isEqualTo(2021);
    }

    @Test
    void badQueriesAreRefusedByName() {
        assertError(server.post("/v1/collections/docs/search", "{\"vector\": [1, 0, 0]}"), 400, "invalid_argument",
                "query vector has dimension 3, collection 'docs' expects 2");
        assertError(server.post("/v1/collections/docs/search", "{\"vector\": [1, 0], \"k\": 0}"), 400, "invalid_argument",
                "k must be between 1 and");
        assertError(server.post("/v1/collections/docs/search", "{\"vector\": [1, 0], \"include\": [\"payload\"]}"),
                400, "invalid_argument", "unknown field 'payload'");
        assertError(server.post("/v1/collections/docs/search", "{\"k\": 3}"), 400, "invalid_argument", "vector is required");
        assertError(server.post("/v1/collections/docs/search", "{\"vector\": [1, 0], \"params\": {\"ef\": [1]}}"),
                400, "invalid_argument", "params.ef must be a number, string or boolean");
        assertError(server.post("/v1/collections/docs/search/batch", "{\"queries\": [{\"vector\": [1, 0]}, {\"vector\": [1]}]}"),
                400, "invalid_argument", "queries[1]: query vector has dimension 1");
        assertError(server.post("/v1/collections/docs/search/batch", "{\"queries\": []}"), 400, "invalid_argument",
                "queries must hold 1 to");
        assertError(server.post("/v1/collections/nope/search", "{\"vector\": [1, 0]}"), 404, "not_found", "'nope'");
    }

    @Test
    void aBatchMayAskForAHundredThousandResultsInAllAndForVectorsOnlyAsManyAsOneQueryMay() {
        String tenThousand = "{\"vector\": [1, 0], \"k\": 10000}";
        String withVectors = "{\"vector\": [1, 0], \"k\": 5001, \"include\": [\"vector\"]}";
        assertThat(server.post("/v1/collections/docs/search/batch", batch(tenThousand, 10)).status()).isEqualTo(200);
        assertError(server.post("/v1/collections/docs/search/batch", batch(tenThousand, 10).replace("]}", ", {\"vector\": [1, 0], \"k\": 1}]}")),
                400, "invalid_argument", "asks for 100001 results in all");
        assertError(server.post("/v1/collections/docs/search/batch", batch(withVectors, 2)), 400, "invalid_argument",
                "at most 10000 when queries include vectors");
        assertThat(server.post("/v1/collections/docs/search/batch", batch(withVectors, 1)).status()).isEqualTo(200);
    }

    private static String batch(String query, int times) {
        return "{\"queries\": [" + String.join(", ", java.util.Collections.nCopies(times, query)) + "]}";
    }
}
