package io.proximadb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.StatusRuntimeException;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.CollectionInfo;
import io.proximadb.api.ProximaException;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.api.WriteBatch;
import io.proximadb.kernel.filter.FilterParser;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared SDK conformance scenario ({@code clients/conformance/scenario.json}), run through this
 * client's public interface against a real server, with the prefix {@code java_}.
 *
 * <p>Where the Java interface is the engine's and therefore answers differently from a REST-shaped
 * SDK, the step is checked through the equivalent the interface offers, and says so:
 * {@code get} of a missing record is {@code Optional.empty()} (the engine's answer), not a
 * {@code not_found} error; {@code upsert} and {@code delete} by ids return nothing, so
 * {@code upserted} is the number of records acknowledged and {@code deleted} the number of those ids
 * that were live before and are gone after; an error's HTTP status is checked as the gRPC status the
 * server maps it to (docs/grpc.md).
 */
class ConformanceTest {

    static final Path SCENARIO = Path.of(System.getenv().getOrDefault("PROXIMA_SCENARIO", "../conformance/scenario.json"));
    static final String PREFIX = "java_";
    private static final Map<Integer, String> GRPC_STATUS_OF_HTTP = Map.of(400, "INVALID_ARGUMENT", 401,
            "UNAUTHENTICATED", 403, "PERMISSION_DENIED", 404, "NOT_FOUND", 409, "ALREADY_EXISTS", 413,
            "RESOURCE_EXHAUSTED", 429, "RESOURCE_EXHAUSTED", 503, "UNAVAILABLE", 500, "INTERNAL");

    @TempDir
    Path directory;

    @Test
    void theSharedScenarioPasses() throws IOException {
        JsonNode scenario = new ObjectMapper().readTree(SCENARIO.toFile());
        JsonNode steps = scenario.get("steps");
        assertThat(steps.size()).isGreaterThan(10);
        // Under the conformance module's harness (SdkSuite) the server is given; alone, start one.
        String given = System.getenv("PROXIMA_URL");
        try (LiveServer server = given == null ? LiveServer.start(directory.resolve("data")) : null;
             RemoteDatabase db = given == null ? server.connect() : ProximaClient.connect(java.net.URI.create(given))) {
            int checked = 0;
            for (int i = 0; i < steps.size(); i++) {
                JsonNode step = steps.get(i);
                String where = "step " + i + " " + step;
                Object result;
                try {
                    result = run(db, step);
                } catch (ProximaException e) {
                    if (!step.has("expect_error")) {
                        throw new AssertionError(where + " failed: " + e.code() + " " + e.getMessage(), e);
                    }
                    checkError(where, step.get("expect_error"), e);
                    checked++;
                    continue;
                }
                if (step.has("expect_error")) {
                    if (result instanceof Absent && "not_found".equals(step.get("expect_error").path("code").asText())) {
                        checked++;
                        continue; // get of a missing record: Optional.empty(), as the engine answers
                    }
                    fail(where + " should have failed, got " + result);
                }
                if (step.has("expect")) {
                    check(where, step.get("expect"), result);
                }
                checked++;
            }
            System.out.println("conformance scenario: " + checked + " of " + steps.size() + " steps passed");
        }
    }

    /** A get that found nothing. */
    private record Absent(String id) {
    }

    private static Object run(RemoteDatabase db, JsonNode step) {
        JsonNode args = step.path("args");
        String collection = PREFIX + step.path("collection").asText();
        return switch (step.get("op").asText()) {
            case "create_collection" -> {
                CollectionConfig config = CollectionConfig.of(PREFIX + args.get("name").asText(),
                        args.get("dimension").asInt(), Metric.fromName(args.get("metric").asText()));
                if (args.has("index")) {
                    config = config.withIndex(args.get("index").asText());
                }
                yield description(db.createCollection(config).describe());
            }
            case "list_collections" -> db.listCollections().stream().map(CollectionInfo::name).toList();
            case "describe_collection" -> description(db.collection(collection).describe());
            case "drop_collection" -> {
                db.dropCollection(collection);
                yield "dropped";
            }
            case "upsert" -> {
                WriteBatch batch = new WriteBatch();
                for (JsonNode record : args.get("records")) {
                    VectorRecord parsed = new VectorRecord(record.get("id").asText(), floats(record.get("vector")),
                            record.has("metadata") ? MetadataJson.toObject(record.get("metadata"), "metadata") : Value.Obj.EMPTY);
                    if (record.path("ttl_seconds").asLong() > 0) {
                        batch.upsert(parsed, Duration.ofSeconds(record.get("ttl_seconds").asLong()));
                    } else {
                        batch.upsert(parsed);
                    }
                }
                new RemoteCollection(db, collection).write(batch);
                yield JsonNodeFactory.instance.objectNode().put("upserted", batch.size());
            }
            case "get" -> {
                Optional<VectorRecord> record = new RemoteCollection(db, collection).get(args.get("id").asText());
                if (record.isEmpty()) {
                    yield new Absent(args.get("id").asText());
                }
                ObjectNode node = JsonNodeFactory.instance.objectNode().put("id", record.get().id());
                var vector = node.putArray("vector");
                for (float x : record.get().vector()) {
                    vector.add(x);
                }
                node.set("metadata", MetadataJson.toJson(record.get().metadata()));
                yield node;
            }
            case "delete" -> {
                RemoteCollection target = new RemoteCollection(db, collection);
                long deleted;
                if (args.has("filter")) {
                    deleted = target.delete(FilterParser.parse(args.get("filter")));
                } else {
                    List<String> ids = new ArrayList<>();
                    args.get("ids").forEach(id -> ids.add(id.asText()));
                    long before = ids.stream().filter(id -> target.get(id).isPresent()).count();
                    target.delete(ids);
                    deleted = before - ids.stream().filter(id -> target.get(id).isPresent()).count();
                }
                yield JsonNodeFactory.instance.objectNode().put("deleted", deleted);
            }
            case "search" -> new RemoteCollection(db, collection).search(request(args));
            case "search_batch" -> {
                List<SearchRequest> requests = new ArrayList<>();
                args.get("queries").forEach(query -> requests.add(request(query)));
                yield new RemoteCollection(db, collection).searchBatch(requests);
            }
            default -> throw new AssertionError("unknown op " + step.get("op"));
        };
    }

    private static SearchRequest request(JsonNode args) {
        SearchRequest request = SearchRequest.of(floats(args.get("vector")), args.get("k").asInt());
        if (args.has("filter")) {
            request = request.withFilter(FilterParser.parse(args.get("filter")));
        }
        for (JsonNode include : args.path("include")) {
            request = switch (include.asText()) {
                case "metadata" -> request.withMetadata();
                case "vector" -> request.withVector();
                default -> throw new AssertionError("unknown include " + include);
            };
        }
        return request;
    }

    /** The description fields the scenario names, under the scenario's own (unprefixed) name. */
    private static JsonNode description(CollectionInfo info) {
        return JsonNodeFactory.instance.objectNode()
                .put("name", info.name().substring(PREFIX.length()))
                .put("dimension", info.spec().dimension())
                .put("metric", info.spec().metric().configName())
                .put("index", info.spec().index())
                .put("live_records", info.liveRecords());
    }

    @SuppressWarnings("unchecked")
    private static void check(String where, JsonNode expect, Object result) {
        for (Map.Entry<String, JsonNode> check : expect.properties()) {
            JsonNode wanted = check.getValue();
            switch (check.getKey()) {
                case "fields" -> {
                    JsonNode actual = (JsonNode) result;
                    for (Map.Entry<String, JsonNode> field : wanted.properties()) {
                        assertThat(actual.has(field.getKey())).as(where + ": field " + field.getKey() + " in " + actual).isTrue();
                        assertSame(where + ": field " + field.getKey(), field.getValue(), actual.get(field.getKey()));
                    }
                }
                case "names_include" -> wanted.forEach(name ->
                        assertThat((List<String>) result).as(where).contains(PREFIX + name.asText()));
                case "names_exclude" -> wanted.forEach(name ->
                        assertThat((List<String>) result).as(where).doesNotContain(PREFIX + name.asText()));
                case "ids" -> {
                    if (wanted.size() > 0 && wanted.get(0).isArray()) {
                        List<List<SearchHit>> batches = (List<List<SearchHit>>) result;
                        assertThat(batches).as(where).hasSize(wanted.size());
                        for (int q = 0; q < wanted.size(); q++) {
                            assertThat(batches.get(q)).extracting(SearchHit::id).as(where + " query " + q)
                                    .containsExactlyElementsOf(texts(wanted.get(q)));
                        }
                    } else {
                        assertThat((List<SearchHit>) result).extracting(SearchHit::id).as(where)
                                .containsExactlyElementsOf(texts(wanted));
                    }
                }
                case "scores" -> {
                    List<SearchHit> hits = (List<SearchHit>) result;
                    assertThat(hits).as(where).hasSize(wanted.size());
                    for (int h = 0; h < hits.size(); h++) {
                        assertThat((double) hits.get(h).score()).as(where + " score " + h)
                                .isCloseTo(wanted.get(h).doubleValue(), org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
                case "metadata" -> {
                    List<SearchHit> hits = (List<SearchHit>) result;
                    assertThat(hits).as(where).hasSize(wanted.size());
                    for (int h = 0; h < hits.size(); h++) {
                        assertThat(hits.get(h).metadata()).as(where + " metadata " + h)
                                .isEqualTo(MetadataJson.toObject(wanted.get(h), "expected"));
                    }
                }
                default -> throw new AssertionError("unknown check " + check.getKey());
            }
        }
    }

    /** Equal as the engine sees values: 2020 and 2020.0 differ, float vectors compare as float32. */
    private static void assertSame(String where, JsonNode expected, JsonNode actual) {
        if (expected.isArray() && expected.size() > 0 && expected.get(0).isNumber() && actual.isArray()) {
            assertThat(floats(actual)).as(where).containsExactly(floats(expected));
        } else {
            assertThat(MetadataJson.toValue(actual, where, 0)).as(where).isEqualTo(MetadataJson.toValue(expected, where, 0));
        }
    }

    private static void checkError(String where, JsonNode expected, ProximaException error) {
        assertThat(error.code()).as(where + " code").isEqualTo(expected.get("code").asText());
        assertThat(error.getMessage()).as(where + " message").contains(expected.get("message").asText());
        assertThat(error.requestId()).as(where + " request id").isPresent();
        String grpcStatus = error instanceof ServerException server ? server.grpcStatus()
                : ((StatusRuntimeException) error.getCause()).getStatus().getCode().name();
        assertThat(grpcStatus).as(where + " status " + expected.get("status"))
                .isEqualTo(GRPC_STATUS_OF_HTTP.get(expected.get("status").asInt()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static float[] floats(JsonNode array) {
        float[] vector = new float[array.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) array.get(i).doubleValue();
        }
        return vector;
    }
}
