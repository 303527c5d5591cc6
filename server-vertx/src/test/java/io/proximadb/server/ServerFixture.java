package io.proximadb.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proximadb.api.ProximaDB;
import io.proximadb.server.config.ServerConfig;
import io.proximadb.server.http.ProximaServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A real server on a free loopback port over a real database in a directory, and a real HTTP
 * client to talk to it. Nothing is mocked. Every answer is validated against {@code openapi.json}
 * ({@link OpenApiContract}), so a test fails when the server says something the document does not.
 */
public final class ServerFixture implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** Small, so that a test can exceed it cheaply. */
    public static final long MAX_BODY_BYTES = 64 * 1024;

    private final ProximaServer server;
    private final HttpClient client;
    private final List<String> accessLines = new CopyOnWriteArrayList<>();

    private ServerFixture(Callable<ProximaDB> opener, HttpClient.Version version, UnaryOperator<ServerConfig> configure) {
        ServerConfig config = configure.apply(ServerConfig.defaults().withPort(0).withMaxBodyBytes(MAX_BODY_BYTES)
                .withDrainTimeout(Duration.ofSeconds(5)));
        this.server = ProximaServer.start(config, opener, accessLines::add);
        this.client = HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A started server over the database in {@code directory}, ready to serve. */
    public static ServerFixture open(Path directory) {
        return open(directory, config -> config);
    }

    /** A started server over the database in {@code directory}, configured by {@code configure}, ready to serve. */
    public static ServerFixture open(Path directory, UnaryOperator<ServerConfig> configure) {
        ServerFixture fixture = new ServerFixture(() -> ProximaDB.open(directory), HttpClient.Version.HTTP_1_1,
                configure);
        fixture.awaitReady();
        return fixture;
    }

    /** A started server whose database opens when {@code opener} returns: readiness can be watched. */
    public static ServerFixture opening(Callable<ProximaDB> opener, HttpClient.Version version) {
        return new ServerFixture(opener, version, config -> config);
    }

    public void awaitReady() {
        try {
            server.readiness().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not become ready", e);
        }
    }

    public ProximaServer server() {
        return server;
    }

    public List<String> accessLines() {
        return accessLines;
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null);
    }

    public Reply post(String path, String json) {
        return send("POST", path, json);
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json);
    }

    public Reply send(String method, String path, String json) {
        return send(method, path, json, null);
    }

    /** A request sent with {@code Authorization: Bearer <key>}, or with no key when it is {@code null}. */
    public Reply send(String method, String path, String json, String key) {
        HttpRequest.Builder request = request(path);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request.build());
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(30));
    }

    public Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            // Every answer any test sees is held against the document the server publishes.
            OpenApiContract.get().check(request.method(), request.uri().getRawPath(), response.statusCode(),
                    response.headers().map(), response.body());
            return new Reply(response.statusCode(), response.headers().map(), response.body(), response.version());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Sends without holding the answer against openapi.json: for what the document does not describe (CORS preflights). */
    public HttpResponse<String> rawSend(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            client.close();
        }
    }

    /** One answer: status, headers (names in lower case), body text, protocol. */
    public record Reply(int status, Map<String, List<String>> headers, String body, HttpClient.Version version) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null ? null : values.getFirst();
        }

        public String errorCode() {
            return json().path("error").path("code").asText(null);
        }

        public String errorMessage() {
            return json().path("error").path("message").asText(null);
        }
    }
}
