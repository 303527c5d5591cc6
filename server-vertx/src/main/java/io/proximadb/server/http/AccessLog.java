package io.proximadb.server.http;

import io.proximadb.server.rest.ErrorResponder;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One JSON line per request once its response is finished: time, request id, method, path (never
 * the query string), status, duration, bytes sent, peer and protocol; {@code completed} is false
 * when the connection closed before the response was whole.
 */
final class AccessLog implements Handler<RoutingContext> {

    /** The logger name access lines go to by default. */
    static final String LOGGER = "io.proximadb.server.access";

    private final Consumer<String> sink;

    AccessLog(Consumer<String> sink) {
        this.sink = sink;
    }

    /** A sink that logs each line at INFO to {@link #LOGGER}. */
    static Consumer<String> toSystemLogger() {
        System.Logger logger = System.getLogger(LOGGER);
        return line -> logger.log(System.Logger.Level.INFO, line);
    }

    @Override
    public void handle(RoutingContext context) {
        long start = System.nanoTime();
        context.addEndHandler(done -> sink.accept(line(context, start, done.succeeded())));
        context.next();
    }

    private static String line(RoutingContext context, long start, boolean completed) {
        HttpServerRequest request = context.request();
        double millis = (System.nanoTime() - start) / 1_000_000.0;
        return new JsonObject()
                .put("ts", Instant.now().toString())
                .put("type", "access")
                .put("request_id", context.response().headers().get(ErrorResponder.REQUEST_ID_HEADER))
                .put("method", request.method().name())
                .put("path", request.path())
                .put("status", context.response().getStatusCode())
                .put("duration_ms", Math.round(millis * 1000) / 1000.0)
                .put("bytes_out", context.response().bytesWritten())
                .put("remote", request.remoteAddress() == null ? null : request.remoteAddress().hostAddress())
                .put("protocol", request.version() == null ? null : request.version().alpnName())
                .put("completed", completed)
                .encode();
    }
}
