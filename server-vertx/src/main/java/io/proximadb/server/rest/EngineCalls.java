package io.proximadb.server.rest;

import io.proximadb.server.json.JsonCodec;
import io.proximadb.server.workers.EngineWorkers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * Runs a handler's work on an engine worker pool and answers with its result. The event loop
 * only routes and writes bytes: decoding the body, the engine call and encoding the answer all
 * happen on a worker, because each of them can take longer than an event loop may be held.
 * Searches go to the search pool, everything else to the engine pool ({@link EngineWorkers}).
 */
final class EngineCalls {

    private final EngineWorkers workers;

    EngineCalls(EngineWorkers workers) {
        this.workers = workers;
    }

    /**
     * Answers {@code status} with {@code work}'s result as JSON, or no body when it returns
     * {@code null}; a failure goes to the router's failure handler.
     */
    void respond(RoutingContext context, int status, Callable<Object> work) {
        answer(context, status, workers.run(() -> encode(work)));
    }

    /** {@link #respond} for a search, run on the search pool. */
    void respondToSearch(RoutingContext context, Callable<Object> work) {
        answer(context, 200, workers.search(() -> encode(work)));
    }

    private static byte[] encode(Callable<Object> work) throws Exception {
        Object body = work.call();
        return body == null ? null : JsonCodec.write(body);
    }

    private static void answer(RoutingContext context, int status, Future<byte[]> answer) {
        answer.onComplete(result -> {
            if (result.failed()) {
                context.fail(result.cause());
            } else {
                send(context.response(), status, result.result());
            }
        });
    }

    static void send(HttpServerResponse response, int status, byte[] json) {
        if (response.closed() || response.ended()) {
            return; // the client went away while the engine worked; the work itself is done
        }
        response.setStatusCode(status);
        if (json == null) {
            response.end();
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Buffer.buffer(json));
        }
    }
}
