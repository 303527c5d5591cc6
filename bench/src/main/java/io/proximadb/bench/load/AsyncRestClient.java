package io.proximadb.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One load client's connection, driven by an event loop: a Vert.x HTTP client whose pool holds a
 * single connection, so that each client is one TCP connection, as a separate process would have.
 * Unlike a blocking client, it costs no thread per client and no hop between threads per request;
 * the load tool's own CPU per request is a few tens of microseconds, which matters when the tool
 * and the server share the same cores. HTTP/1.1, or cleartext HTTP/2 reached by upgrade (the first
 * request, a {@code GET /healthz}, carries it, so that the measured requests never do).
 */
final class AsyncRestClient {

    private static final long TIMEOUT_MS = 60_000;

    private final HttpClientAgent client;
    private final String apiKey;
    private final String searchPath;
    private final String recordsPath;

    AsyncRestClient(Vertx vertx, URI base, String apiKey, String http, String collection) {
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() < 0 ? 80 : base.getPort())
                .setProtocolVersion(http.equals("h2c") ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1)
                .setHttp2ClearTextUpgrade(true)
                .setKeepAlive(true)
                .setTcpNoDelay(true);
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(1).setHttp2MaxSize(1));
        this.apiKey = apiKey;
        String collectionPath = "/v1/collections/" + URLEncoder.encode(collection, StandardCharsets.UTF_8);
        this.searchPath = collectionPath + "/search";
        this.recordsPath = collectionPath + "/records";
    }

    /** Opens the connection with a {@code GET /healthz} (which carries the h2c upgrade) and checks it. */
    Future<RestClient.Reply> connect() {
        return send(HttpMethod.GET, "/healthz", null).compose(reply -> reply.ok() ? Future.succeededFuture(reply)
                : Future.failedFuture("GET /healthz answered " + reply.status() + ": " + reply.text()));
    }

    /** {@code POST .../search} with a body from {@link JsonBodies#search}. */
    Future<RestClient.Reply> search(byte[] body) {
        return send(HttpMethod.POST, searchPath, body);
    }

    /** {@code PUT .../records} with a body from {@link JsonBodies#records}. */
    Future<RestClient.Reply> upsert(byte[] body) {
        return send(HttpMethod.PUT, recordsPath, body);
    }

    private Future<RestClient.Reply> send(HttpMethod method, String path, byte[] body) {
        RequestOptions request = new RequestOptions().setMethod(method).setURI(path).setIdleTimeout(TIMEOUT_MS);
        if (apiKey != null) {
            request.putHeader("Authorization", "Bearer " + apiKey);
        }
        if (body != null) {
            request.putHeader("Content-Type", "application/json");
        }
        return client.request(request)
                .compose(sent -> body == null ? sent.send() : sent.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(answer -> new RestClient.Reply(response.statusCode(),
                        answer.getBytes())));
    }

    Future<Void> close() {
        return client.shutdown(1, TimeUnit.SECONDS);
    }
}
