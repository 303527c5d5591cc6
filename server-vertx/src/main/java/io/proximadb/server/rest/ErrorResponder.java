package io.proximadb.server.rest;

import io.proximadb.server.json.JsonCodec;
import io.proximadb.server.service.ErrorCode;
import io.proximadb.server.service.ServiceException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.lang.System.Logger.Level;

/**
 * Every error answer: {@code {"error": {"code", "message", "request_id"}}} with the status that
 * goes with the code. Serves both as the routes' failure handler (a {@link ServiceException} or
 * anything else a handler failed with) and as the router's handler for the statuses it decides
 * itself (404 no route, 405 wrong method, 413 body too large, 415 not JSON).
 */
public final class ErrorResponder implements Handler<RoutingContext> {

    /** The header that carries the request id; set on every response before any handler runs. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final System.Logger LOG = System.getLogger(ErrorResponder.class.getName());

    private final long maxBodyBytes;

    public ErrorResponder(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(RoutingContext context) {
        String requestId = context.response().headers().get(REQUEST_ID_HEADER);
        ServiceException error = classify(context);
        if (error.code() == ErrorCode.INTERNAL || error.code() == ErrorCode.STORAGE_FAILURE) {
            LOG.log(Level.ERROR, "request " + requestId + " " + context.request().method() + " "
                    + context.request().path() + " failed", error.getCause() == null ? error : error.getCause());
        }
        if (context.response().headWritten()) {
            context.response().reset(); // too late for an error body: cut the response so the client sees it failed
            return;
        }
        switch (error.code()) {
            case UNAVAILABLE -> context.response().putHeader("Retry-After", "1");
            case RATE_LIMITED -> context.response().putHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
            case UNAUTHENTICATED -> context.response().putHeader("WWW-Authenticate", "Bearer realm=\"proximadb\"");
            default -> {
            }
        }
        byte[] body = JsonCodec.write(new ResponseBodies.ErrorBody(
                new ResponseBodies.ErrorDetail(error.code().code(), error.getMessage(), requestId)));
        EngineCalls.send(context.response(), status(error.code()), body);
    }

    private ServiceException classify(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.statusCode() == 403 && !(failure instanceof ServiceException)) {
            // Only Vert.x's CORS handler fails with a bare 403: our own denials are ServiceExceptions.
            return new ServiceException(ErrorCode.PERMISSION_DENIED, "this request's Origin is not allowed by the "
                    + "server's CORS configuration (proxima serve --cors-origin)");
        }
        if (failure instanceof RuntimeException runtime && !(failure instanceof HttpException)) {
            return ServiceException.from(runtime);
        }
        String route = context.request().method() + " " + context.request().path();
        return switch (context.statusCode()) {
            case 400 -> ServiceException.invalid("bad request: " + (failure == null ? route : failure.getMessage()));
            case 404 -> new ServiceException(ErrorCode.NOT_FOUND, "no such endpoint: " + route
                    + "; the API lives under /v1 (see docs/server.md)");
            case 405 -> new ServiceException(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed: " + route);
            case 413 -> new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body exceeds the limit of "
                    + maxBodyBytes + " bytes; split it into several requests");
            case 415 -> new ServiceException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "send the request body as JSON with Content-Type: application/json");
            default -> new ServiceException(ErrorCode.INTERNAL, "internal error", failure);
        };
    }

    /** The HTTP status of each error code. */
    static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT, PLUGIN_UNAVAILABLE -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case ALREADY_EXISTS -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
            case STORAGE_FAILURE, INTERNAL -> 500;
        };
    }
}
