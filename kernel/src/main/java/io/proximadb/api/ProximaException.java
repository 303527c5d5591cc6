package io.proximadb.api;

import java.util.Optional;

/**
 * The root of ProximaDB's typed errors. Every message names the problem and, where there is one,
 * the fix. {@link #code()} is a stable, machine-readable name for the kind of error (the server
 * maps it to a status and puts it in its error bodies).
 */
public class ProximaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    // Set at most once, by a remote client before it throws (as Throwable.initCause is): the
    // subclasses' constructors stay those of the engine, which has no request to name.
    private String requestId;

    public ProximaException(String code, String message) {
        super(message);
        this.code = code;
    }

    public ProximaException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable name for the kind of error, such as {@code invalid_argument} or {@code not_found}. */
    public String code() {
        return code;
    }

    /**
     * The id of the server request that failed ({@code x-request-id}), when a remote client threw
     * this; empty for the embedded engine's own errors. Quote it when reporting a server problem:
     * the server's access log has the same id.
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * Records the server's request id; for remote clients, once, before throwing.
     *
     * @throws IllegalStateException if a request id was already recorded
     */
    public ProximaException withRequestId(String requestId) {
        if (this.requestId != null) {
            throw new IllegalStateException("request id already set to " + this.requestId);
        }
        this.requestId = requestId;
        return this;
    }

    /** Bad input from the caller: wrong dimension, NaN, bad id, malformed metadata or filter. Nothing was changed. */
    public static final class InvalidArgument extends ProximaException {
        private static final long serialVersionUID = 1L;

        public InvalidArgument(String message) {
            super("invalid_argument", message);
        }

        public InvalidArgument(String message, Throwable cause) {
            super("invalid_argument", message, cause);
        }
    }

    /** A collection that does not exist. */
    public static final class CollectionNotFound extends ProximaException {
        private static final long serialVersionUID = 1L;

        public CollectionNotFound(String name) {
            super("not_found", "collection '" + name + "' does not exist");
        }
    }

    /** A collection created under a name already taken. */
    public static final class CollectionExists extends ProximaException {
        private static final long serialVersionUID = 1L;

        public CollectionExists(String name) {
            super("already_exists", "collection '" + name + "' already exists");
        }
    }

    /** A plugin named in configuration that is not on the class path, or cannot work here. */
    public static final class PluginNotAvailable extends ProximaException {
        private static final long serialVersionUID = 1L;

        public PluginNotAvailable(String message) {
            super("plugin_unavailable", message);
        }
    }

    /** An I/O failure or a broken invariant inside the engine; the operation may not have happened. */
    public static final class StorageFailure extends ProximaException {
        private static final long serialVersionUID = 1L;

        public StorageFailure(String message, Throwable cause) {
            super("storage_failure", message, cause);
        }
    }
}
