package io.proximadb.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proximadb.server.ServerFixture.Reply;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.Role;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of generated malformed requests against a running server: mutated bodies (cut, bytes
 * inserted, deleted or replaced, values of the wrong type, duplicate keys, deep nesting, NaN,
 * invalid UTF-8, oversized), wrong content types, bad keys and odd paths. The server must answer
 * each with a documented 4xx (every answer is also held against openapi.json by the fixture),
 * never a 5xx, stay up, and keep every record stored before the run exactly as it was.
 *
 * <p>Deterministic: the seed is fixed (override with {@code -Dproxima.fuzz.seed=N}, and the number
 * of requests with {@code -Dproxima.fuzz.requests=N}); a failure names the request that caused it.
 */
@ExtendWith(NoBlockedThreads.class)
class FuzzTest {

    private static final long SEED = Long.getLong("proxima.fuzz.seed", 20261125L);
    private static final int REQUESTS = Integer.getInteger("proxima.fuzz.requests", 3000);
    private static final Set<Integer> ALLOWED = Set.of(200, 201, 204, 400, 401, 403, 404, 405, 409, 413, 415, 429);
    private static final String SIGNIFICANT = "{}[]\",:\\ 0123456789eE+-.tfnaNul\u0000\u00e9\ud83d\ude00";

    @TempDir
    Path directory;

    /** One endpoint and a valid body to mutate. Fuzz bodies never name the original records. */
    private record Target(String method, String path, String body) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("POST", "/v1/collections", "{\"name\": \"fz_x\", \"dimension\": 3, \"metric\": \"l2\", "
                    + "\"options\": {\"index.m\": \"8\"}}"),
            new Target("PUT", "/v1/collections/docs/records", "{\"records\": [{\"id\": \"fz-1\", \"vector\": [0.1, 0.2, 0.3], "
                    + "\"metadata\": {\"fuzz\": true, \"n\": 1, \"tags\": [\"a\"]}, \"ttl_seconds\": 60}]}"),
            new Target("POST", "/v1/collections/docs/search", "{\"vector\": [0.1, 0.2, 0.3], \"k\": 3, "
                    + "\"filter\": {\"$and\": [{\"fuzz\": true}, {\"n\": {\"$gte\": 0}}]}, \"include\": [\"metadata\"], "
                    + "\"params\": {}}"),
            new Target("POST", "/v1/collections/docs/search/batch", "{\"queries\": [{\"vector\": [0.1, 0.2, 0.3], \"k\": 2}, "
                    + "{\"vector\": [1, 0, 0], \"k\": 1, \"filter\": {\"fuzz\": {\"$in\": [true]}}}]}"),
            new Target("POST", "/v1/collections/docs/records/delete", "{\"ids\": [\"fz-1\", \"fz-2\"]}"),
            new Target("POST", "/v1/collections/docs/records/delete", "{\"filter\": {\"fuzz\": true}}"),
            new Target("POST", "/v1/keys", "{\"role\": \"reader\", \"description\": \"fz\"}"));

    @Test
    void malformedRequestsGetA4xxAndChangeNothingStored() throws Exception {
        Path keyFile = directory.resolve("keys.json");
        String admin = new ApiKeyStore(new ApiKeyFile(keyFile)).create("default", Role.ADMIN, "fuzz").key();
        try (ServerFixture server = ServerFixture.open(directory.resolve("data"), config -> config.withKeysFile(keyFile))) {
            server.send("POST", "/v1/collections", "{\"name\": \"docs\", \"dimension\": 3, \"metric\": \"l2\"}", admin);
            StringBuilder originals = new StringBuilder("{\"records\": [");
            for (int i = 0; i < 50; i++) {
                originals.append(i == 0 ? "" : ", ").append("{\"id\": \"original-").append(i).append("\", \"vector\": [")
                        .append(i).append(", ").append(i % 7).append(", 1], \"metadata\": {\"kind\": \"original\", \"i\": ")
                        .append(i).append("}}");
            }
            assertThat(server.send("PUT", "/v1/collections/docs/records", originals.append("]}").toString(), admin)
                    .status()).isEqualTo(200);
            Map<String, String> before = snapshot(server, admin);

            Random random = new Random(SEED);
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (int n = 0; n < REQUESTS; n++) {
                HttpRequest request = generate(server, random, admin);
                if (request == null) {
                    continue; // the client library itself refused what was generated (an illegal header)
                }
                Reply reply;
                try {
                    reply = server.send(request);
                } catch (AssertionError e) {
                    throw new AssertionError("request " + n + " (seed " + SEED + "): " + describe(request) + ": "
                            + e.getMessage(), e);
                }
                statuses.merge(reply.status(), 1, Integer::sum);
                assertThat(ALLOWED).as("request %d (seed %d): %s answered %d %s", n, SEED, describe(request),
                        reply.status(), reply.body()).contains(reply.status());
            }
            System.out.println("fuzz: " + REQUESTS + " requests, statuses " + statuses);
            assertThat(server.get("/healthz").status()).isEqualTo(200);
            assertThat(server.get("/readyz").status()).isEqualTo(200);
            assertThat(snapshot(server, admin)).isEqualTo(before);
            JsonNode docs = server.send("GET", "/v1/collections/docs", null, admin).json();
            assertThat(docs.path("dimension").asInt()).isEqualTo(3);
            assertThat(docs.path("metric").asText()).isEqualTo("l2");
        }
    }

    /** Every original record, as the server returns it. */
    private static Map<String, String> snapshot(ServerFixture server, String key) {
        Map<String, String> records = new TreeMap<>();
        for (int i = 0; i < 50; i++) {
            Reply reply = server.send("GET", "/v1/collections/docs/records/original-" + i, null, key);
            records.put("original-" + i, reply.status() + " " + reply.body());
        }
        return records;
    }

    private static HttpRequest generate(ServerFixture server, Random random, String admin) {
        Target target = TARGETS.get(random.nextInt(TARGETS.size()));
        String path = random.nextInt(10) == 0 ? oddPath(random, target.path()) : target.path();
        byte[] body = mutate(target.body(), random);
        String method = random.nextInt(20) == 0 ? List.of("GET", "DELETE", "PATCH", "PUT", "POST").get(random.nextInt(5))
                : target.method();
        if (method.equals("DELETE") && (path.equals("/v1/collections/docs") || path.startsWith("/v1/collections/docs/records/original"))) {
            method = "POST"; // a well-formed drop of the data under test is not malformed input
        }
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.server().uri() + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            String contentType = switch (random.nextInt(12)) {
                case 0 -> null;
                case 1 -> "text/plain";
                case 2 -> "application/json; charset=latin-1";
                case 3 -> "application/x-www-form-urlencoded";
                default -> "application/json";
            };
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            switch (random.nextInt(15)) {
                case 0 -> builder.header("Authorization", "Bearer " + admin.substring(0, admin.length() - 1) + "x");
                case 1 -> builder.header("Authorization", "Basic " + admin);
                case 2 -> { } // no key at all
                default -> builder.header("Authorization", "Bearer " + admin);
            }
            if (random.nextInt(10) == 0) {
                builder.header("X-Request-Id", randomText(random, 300));
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] mutate(String valid, Random random) {
        String text = valid;
        switch (random.nextInt(11)) {
            case 0 -> text = text.substring(0, random.nextInt(text.length()));
            case 1 -> {
                int at = random.nextInt(text.length() + 1);
                text = text.substring(0, at) + SIGNIFICANT.charAt(random.nextInt(SIGNIFICANT.length())) + text.substring(at);
            }
            case 2 -> {
                int at = random.nextInt(text.length());
                text = text.substring(0, at) + text.substring(at + 1);
            }
            case 3 -> {
                int at = random.nextInt(text.length());
                text = text.substring(0, at) + SIGNIFICANT.charAt(random.nextInt(SIGNIFICANT.length())) + text.substring(at + 1);
            }
            case 4, 5 -> text = replaceValue(text, random);
            case 6 -> text = text.replaceFirst("\\{\"", "{\"" + keyOf(text) + "\": 1, \"");
            case 7 -> text = "[".repeat(200 + random.nextInt(2000)) + "]".repeat(random.nextInt(3) == 0 ? 0 : 2200);
            case 8 -> {
                byte[] bytes = new byte[1 + random.nextInt(200)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 9 -> text = text.replace("0.2", List.of("NaN", "Infinity", "-Infinity", "1e999", "\"0.2\"", "null",
                    "0x10", "1e-999").get(random.nextInt(8)));
            default -> {
                if (random.nextInt(4) == 0) {
                    return ("{\"records\": [" + "{\"id\": \"fz\", \"vector\": [1, 2, 3]},".repeat(3000) + "]}")
                            .getBytes(StandardCharsets.UTF_8); // above the fixture's 64 KiB limit
                }
                text = text + text;
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The body with one value, chosen at random, replaced by something of another shape. */
    private static String replaceValue(String valid, Random random) {
        JsonNode tree;
        try {
            tree = ServerFixture.JSON.readTree(valid);
        } catch (Exception e) {
            return valid;
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(tree, containers);
        JsonNode container = containers.get(random.nextInt(containers.size()));
        JsonNode replacement = strange(random);
        if (container instanceof ObjectNode object && object.size() > 0) {
            Iterator<String> names = object.fieldNames();
            int skip = random.nextInt(object.size());
            String name = names.next();
            for (int i = 0; i < skip; i++) {
                name = names.next();
            }
            object.set(name, replacement);
        } else if (container instanceof ArrayNode array && array.size() > 0) {
            array.set(random.nextInt(array.size()), replacement);
        }
        return tree.toString();
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.forEach(child -> collect(child, into));
        }
    }

    private static JsonNode strange(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(10)) {
            case 0 -> f.nullNode();
            case 1 -> f.textNode(randomText(random, 40));
            case 2 -> f.numberNode(random.nextLong());
            case 3 -> f.numberNode(new java.math.BigDecimal("1e400"));
            case 4 -> f.booleanNode(random.nextBoolean());
            case 5 -> f.arrayNode().add(f.objectNode()).add(f.arrayNode());
            case 6 -> f.objectNode().put("$or", "x");
            case 7 -> {
                ObjectNode deep = f.objectNode();
                ObjectNode cursor = deep;
                for (int i = 0; i < 40 + random.nextInt(40); i++) {
                    cursor = cursor.putObject("$and");
                }
                yield deep;
            }
            case 8 -> f.numberNode(-1);
            default -> f.textNode("");
        };
    }

    private static String keyOf(String json) {
        int start = json.indexOf('"') + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    private static String randomText(Random random, int max) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(max + 1);
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextInt(3) == 0 ? random.nextInt(0xD800) : 32 + random.nextInt(95)));
        }
        return text.toString();
    }

    private static String oddPath(Random random, String path) {
        return switch (random.nextInt(6)) {
            case 0 -> path + "/" + "x".repeat(random.nextInt(3000));
            case 1 -> path.replace("docs", "%2e%2e%2fdocs");
            case 2 -> path.replace("docs", "d%00ocs");
            case 3 -> path + "?k=1&k=2";
            case 4 -> path.replace("/v1/", "/v1//");
            default -> path.replace("docs", "D\u00f6cs").replace("\u00f6", "%C3%B6");
        };
    }

    private static String describe(HttpRequest request) {
        String uri = request.uri().toString();
        return request.method() + " " + (uri.length() > 200 ? uri.substring(0, 200) + "..." : uri)
                + " " + request.headers().map();
    }
}
