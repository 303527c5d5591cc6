package io.proximadb.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.server.NoBlockedThreads;
import io.proximadb.server.OpenApiContract;
import io.proximadb.server.ServerFixture;
import io.proximadb.server.ServerFixture.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code /openapi.json}: served, well formed, and in step with the routes the server really has. */
@ExtendWith(NoBlockedThreads.class)
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([^}]+)}");

    @TempDir
    Path directory;

    private final JsonObject document = OpenApiContract.get().document();

    @Test
    void theServerPublishesTheDocumentWithTheUsualHeaders() {
        try (ServerFixture server = ServerFixture.open(directory)) {
            Reply reply = server.get("/openapi.json");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("content-type")).isEqualTo("application/json");
            assertThat(reply.header("x-content-type-options")).isEqualTo("nosniff");
            assertThat(reply.header("content-security-policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
            assertThat(reply.header("x-request-id")).isNotBlank();
            assertThat(new JsonObject(reply.body())).isEqualTo(document);
        }
    }

    @Test
    void everyRouteOfTheRouterIsDocumentedAndNothingElse() {
        try (ServerFixture server = ServerFixture.open(directory)) {
            Set<String> routed = new TreeSet<>();
            for (Route route : server.server().routes()) {
                Set<HttpMethod> methods = route.methods();
                if (route.getPath() == null || methods == null || methods.isEmpty()) {
                    continue; // handlers for every request (request ids, logs, headers, bodies), not endpoints
                }
                String template = route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
                methods.forEach(method -> routed.add(method.name() + " " + template));
            }
            assertThat(routed).isEqualTo(documentedOperations());
        }
    }

    @Test
    void theDocumentIsOpenApi31WithJsonSchema202012() {
        assertThat(document.getString("openapi")).matches("3\\.1\\.\\d+");
        assertThat(document.getString("jsonSchemaDialect")).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(document.getJsonObject("info").getString("title")).isNotBlank();
        assertThat(document.getJsonObject("info").getString("version")).isNotBlank();
        assertThat(unresolvedRefs(document, "#")).isEmpty();
    }

    @Test
    void everyOperationIsCompleteAndEveryResponseCarriesTheRequestId() {
        Set<String> operationIds = new HashSet<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String template : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(template);
            for (String method : item.fieldNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                String where = method.toUpperCase(Locale.ROOT) + " " + template;
                JsonObject operation = item.getJsonObject(method);
                assertThat(operationIds.add(operation.getString("operationId"))).as(where + " has a unique operationId")
                        .isTrue();
                assertThat(operation.getString("summary")).as(where).isNotBlank();
                assertThat(declaredPathParameters(item, operation)).as(where + " declares its path parameters")
                        .isEqualTo(templateParameters(template));
                JsonObject responses = operation.getJsonObject("responses");
                assertThat(responses.fieldNames()).as(where)
                        .anyMatch(status -> status.startsWith("2") || status.equals("101"));
                for (String status : responses.fieldNames()) {
                    if (status.equals("101")) {
                        continue; // a switch to the WebSocket protocol: its headers are the handshake's
                    }
                    JsonObject response = resolve(responses.getJsonObject(status));
                    assertThat(response.getString("description")).as(where + " " + status).isNotBlank();
                    assertThat(response.getJsonObject("headers").containsKey("X-Request-Id")).as(where + " " + status)
                            .isTrue();
                    if (status.startsWith("4") || status.startsWith("5")) { // 304 Not Modified has no body
                        String schema = response.getJsonObject("content").getJsonObject("application/json")
                                .getJsonObject("schema").getString("$ref");
                        assertThat(schema).as(where + " " + status + " answers the error envelope").endsWith("Error");
                    }
                }
                if (!template.startsWith("/v1/")) {
                    continue;
                }
                assertThat(responses.fieldNames()).as(where + ": every API call can fail so").contains("500", "503");
                if (operation.containsKey("requestBody")) {
                    assertThat(responses.fieldNames()).as(where + ": a body can be refused so").contains("400", "413", "415");
                }
            }
        }
    }

    @Test
    void theContractRefusesAnswersTheDocumentDoesNotDescribe() {
        OpenApiContract contract = OpenApiContract.get();
        Map<String, List<String>> json = Map.of("content-type", List.of("application/json"), "x-request-id", List.of("r1"));
        contract.check("GET", "/healthz", 200, json, "{\"status\": \"alive\"}");
        assertThatThrownBy(() -> contract.check("GET", "/healthz", 418, json, "{}")).hasMessageContaining("no 418");
        assertThatThrownBy(() -> contract.check("GET", "/healthz", 200, json, "{\"status\": \"alive\", \"extra\": 1}"))
                .hasMessageContaining("#/components/schemas/Alive");
        assertThatThrownBy(() -> contract.check("GET", "/healthz", 200, Map.of("content-type", List.of("application/json")),
                "{\"status\": \"alive\"}")).hasMessageContaining("X-Request-Id");
        assertThatThrownBy(() -> contract.check("DELETE", "/v1/collections/a", 200, json, "{}")).hasMessageContaining("no 200");
        assertThatThrownBy(() -> contract.check("DELETE", "/v1/collections/a", 204, json, "{}"))
                .hasMessageContaining("no body");
        assertThatThrownBy(() -> contract.check("PATCH", "/v1/collections/a", 404, json, "{}")).hasMessageContaining("405");
        assertThatThrownBy(() -> contract.check("GET", "/v1/collections/a", 404, json,
                "{\"error\": {\"code\": \"internal\", \"message\": \"m\", \"request_id\": \"r1\"}}"))
                .hasMessageContaining("NotFoundError");
        String collection = "{\"name\": \"a\", \"dimension\": 2, \"metric\": \"l2\", \"index\": \"flat\", \"memtable\": \"m\","
                + " \"wal\": \"w\", \"options\": {}, \"live_records\": 0, \"last_sequence\": 0, \"storage\": {%s}}";
        String storage = "\"segments\": 0, \"segment_records\": 0, \"segment_bytes\": 0, \"memtable_bytes\": 0,"
                + " \"frozen_memtables\": 0, \"segment_memory_bytes\": 0, \"flushes\": 0, \"compactions\": 0,"
                + " \"bytes_written\": 0, \"compaction_bytes_written\": 0, \"wal_bytes_written\": 0";
        contract.check("GET", "/v1/collections/a", 200, json, collection.formatted(storage));
        assertThatThrownBy(() -> contract.check("GET", "/v1/collections/a", 200, json,
                collection.formatted(storage + ", \"surprise\": 1"))).hasMessageContaining("/storage");
    }

    private Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String template : paths.fieldNames()) {
            for (String method : paths.getJsonObject(template).fieldNames()) {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + template);
                }
            }
        }
        return operations;
    }

    private Set<String> declaredPathParameters(JsonObject item, JsonObject operation) {
        Set<String> names = new TreeSet<>();
        for (JsonObject holder : List.of(item, operation)) {
            for (Object parameter : holder.getJsonArray("parameters", new JsonArray())) {
                JsonObject resolved = resolve((JsonObject) parameter);
                if ("path".equals(resolved.getString("in"))) {
                    assertThat(resolved.getBoolean("required")).isTrue();
                    names.add(resolved.getString("name"));
                }
            }
        }
        return names;
    }

    private static Set<String> templateParameters(String template) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = TEMPLATE_PARAMETER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private JsonObject resolve(JsonObject node) {
        String ref = node.getString("$ref");
        if (ref == null) {
            return node;
        }
        Object target = pointer(ref);
        assertThat(target).as(ref).isInstanceOf(JsonObject.class);
        return resolve((JsonObject) target);
    }

    private Object pointer(String ref) {
        Object node = document;
        for (String token : ref.substring(2).split("/")) {
            String key = token.replace("~1", "/").replace("~0", "~");
            if (!(node instanceof JsonObject object) || !object.containsKey(key)) {
                return null;
            }
            node = object.getValue(key);
        }
        return node;
    }

    /** Every {@code $ref} in the document, with where it is, that points at nothing. */
    private List<String> unresolvedRefs(Object node, String where) {
        List<String> missing = new ArrayList<>();
        if (node instanceof JsonObject object) {
            String ref = object.getString("$ref");
            if (ref != null && (!ref.startsWith("#/") || pointer(ref) == null)) {
                missing.add(where + ": " + ref);
            }
            for (String key : object.fieldNames()) {
                missing.addAll(unresolvedRefs(object.getValue(key), where + "/" + key));
            }
        } else if (node instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                missing.addAll(unresolvedRefs(array.getValue(i), where + "/" + i));
            }
        }
        return missing;
    }
}
