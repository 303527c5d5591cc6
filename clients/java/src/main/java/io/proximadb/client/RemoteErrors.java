package io.proximadb.client;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.proximadb.api.ProximaException;
import java.time.Duration;

/**
 * Turns a failed gRPC call into the exception the embedded engine would have thrown for the same
 * mistake, or a {@link ServerException} for what only a server can say. The server puts its
 * machine-readable code, request id and retry delay in trailers (docs/grpc.md).
 */
final class RemoteErrors {

    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("proxima-error-code", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);

    private RemoteErrors() {
    }

    /**
     * The exception for {@code failure}.
     *
     * @param collection the collection the call named, or {@code null}: the engine's
     *                   {@code CollectionNotFound} and {@code CollectionExists} name it
     */
    static ProximaException map(StatusRuntimeException failure, String collection) {
        Status status = failure.getStatus();
        Metadata trailers = failure.getTrailers() == null ? new Metadata() : failure.getTrailers();
        String message = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
        String code = trailers.get(ERROR_CODE);
        if (code == null) {
            code = fallbackCode(status.getCode());
        }
        Duration retryAfter = retryAfter(trailers);
        ProximaException mapped = switch (code) {
            case "invalid_argument" -> new ProximaException.InvalidArgument(message, failure);
            case "plugin_unavailable" -> withCause(new ProximaException.PluginNotAvailable(message), failure);
            case "not_found" -> collection != null && message.startsWith("collection '")
                    ? withCause(new ProximaException.CollectionNotFound(collection), failure)
                    : new ServerException(code, status.getCode().name(), message, failure);
            case "already_exists" -> collection != null
                    ? withCause(new ProximaException.CollectionExists(collection), failure)
                    : new ServerException(code, status.getCode().name(), message, failure);
            case "storage_failure" -> new ProximaException.StorageFailure(message, failure);
            case "unauthenticated" -> new ServerException.Unauthenticated(message, failure);
            case "permission_denied" -> new ServerException.PermissionDenied(message, failure);
            case "rate_limited" -> new ServerException.RateLimited(message, retryAfter, failure);
            case "unavailable" -> new ServerException.Unavailable(message, retryAfter, failure);
            case "deadline_exceeded" -> new ServerException.Timeout("no answer within the deadline: " + message, failure);
            default -> new ServerException(code, status.getCode().name(), message, failure);
        };
        String requestId = trailers.get(REQUEST_ID);
        return requestId == null ? mapped : mapped.withRequestId(requestId);
    }

    // The engine's exceptions that build their own message take no cause: keep the gRPC failure anyway.
    private static ProximaException withCause(ProximaException exception, Throwable cause) {
        exception.initCause(cause);
        return exception;
    }

    /** A code for statuses without the server's trailer: the transport's own failures, or another server. */
    private static String fallbackCode(Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT -> "invalid_argument";
            case NOT_FOUND -> "not_found";
            case ALREADY_EXISTS -> "already_exists";
            case UNAUTHENTICATED -> "unauthenticated";
            case PERMISSION_DENIED -> "permission_denied";
            case RESOURCE_EXHAUSTED -> "resource_exhausted";
            case UNAVAILABLE -> "unavailable";
            case DEADLINE_EXCEEDED -> "deadline_exceeded";
            default -> code.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static Duration retryAfter(Metadata trailers) {
        String seconds = trailers.get(RETRY_AFTER);
        if (seconds == null) {
            return null;
        }
        try {
            long value = Long.parseLong(seconds.trim());
            return value >= 0 ? Duration.ofSeconds(value) : null;
        } catch (NumberFormatException e) {
            // An HTTP-date or garbage: fall back to the client's own backoff.
            return null;
        }
    }
}
