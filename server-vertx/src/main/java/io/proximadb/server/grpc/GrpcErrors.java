package io.proximadb.server.grpc;

import io.proximadb.server.service.ErrorCode;
import io.proximadb.server.service.ServiceException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;

/**
 * Service errors as gRPC statuses. The status message is the service's message; the trailers carry
 * the same machine-readable code as a REST error body ({@code proxima-error-code}), the request id
 * and, when rate limited, {@code retry-after} in seconds.
 */
final class GrpcErrors {

    static final String ERROR_CODE_TRAILER = "proxima-error-code";
    static final String RETRY_AFTER_TRAILER = "retry-after";

    private static final System.Logger LOG = System.getLogger(GrpcErrors.class.getName());

    private GrpcErrors() {
    }

    static GrpcStatus status(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT, PLUGIN_UNAVAILABLE, UNSUPPORTED_MEDIA_TYPE -> GrpcStatus.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> GrpcStatus.UNAUTHENTICATED;
            case PERMISSION_DENIED -> GrpcStatus.PERMISSION_DENIED;
            case NOT_FOUND -> GrpcStatus.NOT_FOUND;
            case ALREADY_EXISTS -> GrpcStatus.ALREADY_EXISTS;
            case METHOD_NOT_ALLOWED -> GrpcStatus.UNIMPLEMENTED;
            case PAYLOAD_TOO_LARGE, RATE_LIMITED -> GrpcStatus.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> GrpcStatus.UNAVAILABLE;
            case STORAGE_FAILURE, INTERNAL -> GrpcStatus.INTERNAL;
        };
    }

    /** Ends the call with {@code failure} as its status, unless the call is already over. */
    static void fail(GrpcServerResponse<?, ?> response, Throwable failure, String requestId, String method) {
        ServiceException error = failure instanceof RuntimeException runtime ? ServiceException.from(runtime)
                : ServiceException.from(new IllegalStateException(failure));
        if (error.code() == ErrorCode.INTERNAL || error.code() == ErrorCode.STORAGE_FAILURE) {
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " gRPC " + method + " failed",
                    error.getCause() == null ? error : error.getCause());
        }
        response.trailers().set(ERROR_CODE_TRAILER, error.code().code());
        response.trailers().set(GrpcCalls.REQUEST_ID, requestId);
        if (error.retryAfterSeconds() > 0) {
            response.trailers().set(RETRY_AFTER_TRAILER, Long.toString(error.retryAfterSeconds()));
        }
        response.status(status(error.code())).statusMessage(error.getMessage()).end();
    }
}
