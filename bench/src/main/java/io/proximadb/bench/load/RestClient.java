package io.proximadb.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One REST client of the load: its own {@link HttpClient}, hence its own connection, as a separate
 * process would have. HTTP/1.1, or cleartext HTTP/2 reached by upgrade (the first request, a
 * {@code GET /healthz}, carries it, so that the measured requests never do).
 */
final class RestClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** An answer: its status and body. */
    record Reply(int status, byte[] body) {

        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient client;
    private final URI base;
    private final String apiKey;

    RestClient(URI base, String apiKey, String http) throws IOException, InterruptedException {
        this.base = base;
        this.apiKey = apiKey;
        this.client = HttpClient.newBuilder()
                .version(http.equals("h2c") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Reply health = send(HttpRequest.newBuilder(base.resolve("/healthz")).GET());
        if (!health.ok()) {
            throw new IOException("GET " + base.resolve("/healthz") + " answered " + health.status() + ": " + health.text());
        }
    }

    /** Waits until {@code /readyz} answers 200, or fails after {@code timeout}. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Reply ready = send(HttpRequest.newBuilder(base.resolve("/readyz")).GET());
            if (ready.ok()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the server at " + base + " is not ready after " + timeout + ": " + ready.text());
            }
            Thread.sleep(200);
        }
    }

    void createCollection(String name, int dimension, String index, Map<String, String> options)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("dimension", dimension).put("metric", "l2")
                .put("index", index);
        ObjectNode optionsNode = body.putObject("options");
        options.forEach(optionsNode::put);
        expect(post("/v1/collections", JSON.writeValueAsBytes(body)), "create collection " + name);
    }

    void dropCollection(String name) throws IOException, InterruptedException {
        Reply reply = send(request(collectionPath(name)).DELETE());
        if (!reply.ok() && reply.status() != 404) {
            expect(reply, "drop collection " + name);
        }
    }

    JsonNode describe(String name) throws IOException, InterruptedException {
        return expect(send(request(collectionPath(name)).GET()), "describe collection " + name).json();
    }

    /** {@code PUT .../records} with a body from {@link JsonBodies#records}. */
    Reply upsert(String collection, byte[] body) throws IOException, InterruptedException {
        return send(request(collectionPath(collection) + "/records")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** {@code POST .../search} with a body from {@link JsonBodies#search}. */
    Reply search(String collection, byte[] body) throws IOException, InterruptedException {
        return post(collectionPath(collection) + "/search", body);
    }

    static Reply expect(Reply reply, String what) throws IOException {
        if (!reply.ok()) {
            throw new IOException(what + " failed: " + reply.status() + " " + reply.text());
        }
        return reply;
    }

    private Reply post(String path, byte[] body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static String collectionPath(String name) {
        return "/v1/collections/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.body());
    }

    void close() {
        client.close();
    }
}
