package io.proximadb.client;

import io.proximadb.api.ProximaException;
import java.time.Duration;
import java.util.Optional;

/**
 * A server's error that the embedded engine has no type for: authentication, roles, rate limits,
 * availability, deadlines, and anything else the server reports ({@code payload_too_large},
 * {@code internal}). Errors the engine also throws (a bad argument, a missing or taken collection)
 * arrive as the engine's own {@link ProximaException} subclasses instead. Either way
 * {@link #code()} is the server's {@code proxima-error-code} and {@link #requestId()} its request id.
 */
public class ServerException extends ProximaException {
    private static final long serialVersionUID = 1L;

    private final String grpcStatus;

    public ServerException(String code, String grpcStatus, String message, Throwable cause) {
        super(code, message, cause);
        this.grpcStatus = grpcStatus;
    }

    /** The gRPC status the call ended with, such as {@code RESOURCE_EXHAUSTED}. */
    public String grpcStatus() {
        return grpcStatus;
    }

    /** No key, or a key the server does not know (HTTP 401). */
    public static final class Unauthenticated extends ServerException {
        private static final long serialVersionUID = 1L;

        public Unauthenticated(String message, Throwable cause) {
            super("unauthenticated", "UNAUTHENTICATED", message, cause);
        }
    }

    /** A key whose role is too weak for the call (HTTP 403). Nothing changed. */
    public static final class PermissionDenied extends ServerException {
        private static final long serialVersionUID = 1L;

        public PermissionDenied(String message, Throwable cause) {
            super("permission_denied", "PERMISSION_DENIED", message, cause);
        }
    }

    /** The key's rate limit refused the call (HTTP 429), still so after the client's retries. */
    public static final class RateLimited extends ServerException {
        private static final long serialVersionUID = 1L;

        private final Duration retryAfter;

        public RateLimited(String message, Duration retryAfter, Throwable cause) {
            super("rate_limited", "RESOURCE_EXHAUSTED", message, cause);
            this.retryAfter = retryAfter;
        }

        /** How long the server asked to wait, when it said. */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** The server cannot serve now (HTTP 503: starting, draining, unreachable), still so after the retries. */
    public static final class Unavailable extends ServerException {
        private static final long serialVersionUID = 1L;

        private final Duration retryAfter;

        public Unavailable(String message, Duration retryAfter, Throwable cause) {
            super("unavailable", "UNAVAILABLE", message, cause);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** No answer within the deadline ({@link ClientOptions#timeout()}); the call may or may not have happened. */
    public static final class Timeout extends ServerException {
        private static final long serialVersionUID = 1L;

        public Timeout(String message, Throwable cause) {
            super("deadline_exceeded", "DEADLINE_EXCEEDED", message, cause);
        }
    }
}
