package io.proximadb.server.grpc;

import io.proximadb.server.auth.Authenticator;
import io.proximadb.server.auth.BearerKey;
import io.proximadb.server.auth.Principal;
import io.proximadb.server.limits.RateLimits;
import io.proximadb.server.service.ErrorCode;
import io.proximadb.server.service.RequestId;
import io.proximadb.server.service.ServiceException;
import io.vertx.core.Future;
import io.proximadb.server.workers.EngineWorkers;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * What every gRPC call goes through before the service sees it, the same steps as a REST request:
 * a request id (the caller's {@code x-request-id} or a new one, returned in headers and
 * trailers), authentication from the {@code authorization} metadata, the caller's rate limit, and
 * the work itself on the engine's worker pool, never on the event loop.
 */
final class GrpcCalls {

    static final String REQUEST_ID = "x-request-id";

    private final Authenticator authenticator;
    private final RateLimits rateLimits;
    private final EngineWorkers workers;

    GrpcCalls(Authenticator authenticator, RateLimits rateLimits, EngineWorkers workers) {
        this.authenticator = authenticator;
        this.rateLimits = rateLimits;
        this.workers = workers;
    }

    /** A call admitted by {@link #admit}: who makes it, and its id. */
    record Admitted(Principal caller, String requestId) {
    }

    /**
     * Names the call, authenticates and rate-limits it. On refusal the call is ended with the error
     * and {@code null} is returned.
     */
    Admitted admit(GrpcServerRequest<?, ?> request) {
        String requestId = RequestId.accept(request.headers().get(REQUEST_ID));
        GrpcServerResponse<?, ?> response = request.response();
        response.headers().set(REQUEST_ID, requestId);
        try {
            Principal caller = authenticate(request.headers().get("authorization"));
            long wait = rateLimits.secondsToWait(caller.subject());
            if (wait > 0) {
                throw ServiceException.rateLimited(rateLimits.refusal(wait), wait);
            }
            return new Admitted(caller, requestId);
        } catch (RuntimeException e) {
            GrpcErrors.fail(response, e, requestId, request.methodName());
            return null;
        }
    }

    private Principal authenticate(String header) {
        String key;
        try {
            key = BearerKey.from(header);
        } catch (IllegalArgumentException e) {
            throw new ServiceException(ErrorCode.UNAUTHENTICATED,
                    "send the API key as the metadata entry authorization: Bearer <key>");
        }
        return authenticator.authenticate(key).orElseThrow(() -> new ServiceException(ErrorCode.UNAUTHENTICATED,
                key == null ? "this server needs an API key: send the metadata entry authorization: Bearer <key>"
                        : "the API key is not valid: it is malformed, unknown or revoked"));
    }

    /** Runs {@code work} on the engine pool. */
    /**
     * For each message of a client stream: throws UNAUTHENTICATED when {@code caller}'s key was
     * revoked since the call was admitted, and, for every message but the first (which admission
     * paid for), takes a token of the caller's rate limit as a request does, or throws rate_limited.
     */
    void admitMessage(Principal caller, boolean first) {
        if (!authenticator.stillValid(caller)) {
            throw new ServiceException(ErrorCode.UNAUTHENTICATED, "the API key of this call was revoked");
        }
        long wait = first ? 0 : rateLimits.secondsToWait(caller.subject());
        if (wait > 0) {
            throw ServiceException.rateLimited(rateLimits.refusal(wait), wait);
        }
    }

    <T> Future<T> onWorker(Callable<T> work) {
        return workers.run(work);
    }

    /** Runs a search on the search pool. */
    <T> Future<T> onSearchWorker(Callable<T> work) {
        return workers.search(work);
    }

    /**
     * A unary call: admit it, wait for its one message, compute the answer on a worker of the engine
     * pool from it and send it, or end with the error.
     */
    <Req, Resp> void unary(GrpcServerRequest<Req, Resp> request, UnaryWork<Req, Resp> work) {
        unary(request, work, this::onWorker);
    }

    /** {@link #unary} for a search, computed on the search pool. */
    <Req, Resp> void unarySearch(GrpcServerRequest<Req, Resp> request, UnaryWork<Req, Resp> work) {
        unary(request, work, this::onSearchWorker);
    }

    private <Req, Resp> void unary(GrpcServerRequest<Req, Resp> request, UnaryWork<Req, Resp> work,
                                   Function<Callable<Resp>, Future<Resp>> pool) {
        Admitted admitted = admit(request);
        if (admitted == null) {
            return;
        }
        request.last()
                .compose(message -> pool.apply(() -> work.apply(admitted.caller(), message)))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        request.response().trailers().set(REQUEST_ID, admitted.requestId());
                        request.response().end(result.result());
                    } else {
                        GrpcErrors.fail(request.response(), result.cause(), admitted.requestId(), request.methodName());
                    }
                });
    }

    /** The work of a unary call, run on a worker thread. */
    @FunctionalInterface
    interface UnaryWork<Req, Resp> {
        Resp apply(Principal caller, Req message) throws Exception;
    }
}
