package io.proximadb.server.service;

import io.proximadb.api.ProximaException;
import java.util.Objects;

/** A failed service call: what kind of error (which decides the status) and a message for people. */
public final class ServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final long retryAfterSeconds;

    public ServiceException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ServiceException(ErrorCode code, String message, Throwable cause) {
        this(code, message, cause, 0);
    }

    private ServiceException(ErrorCode code, String message, Throwable cause, long retryAfterSeconds) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A rate-limited call, to be retried after {@code seconds} (at least 1). */
    public static ServiceException rateLimited(String message, long seconds) {
        return new ServiceException(ErrorCode.RATE_LIMITED, message, null, Math.max(1, seconds));
    }

    /** Seconds the caller should wait before retrying; 0 when the error says nothing about it. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public static ServiceException invalid(String message) {
        return new ServiceException(ErrorCode.INVALID_ARGUMENT, message);
    }

    /**
     * The engine's typed errors as service errors. Anything untyped is a bug: its message stays in
     * the server log, and callers get a generic one so that internals do not leak.
     */
    public static ServiceException from(RuntimeException failure) {
        return switch (failure) {
            case ServiceException service -> service;
            case ProximaException.InvalidArgument e -> new ServiceException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
            case ProximaException.CollectionNotFound e -> new ServiceException(ErrorCode.NOT_FOUND, e.getMessage(), e);
            case ProximaException.CollectionExists e -> new ServiceException(ErrorCode.ALREADY_EXISTS, e.getMessage(), e);
            case ProximaException.PluginNotAvailable e ->
                    new ServiceException(ErrorCode.PLUGIN_UNAVAILABLE, e.getMessage(), e);
            case ProximaException.StorageFailure e -> new ServiceException(ErrorCode.STORAGE_FAILURE, e.getMessage(), e);
            default -> new ServiceException(ErrorCode.INTERNAL, "internal error", failure);
        };
    }
}
