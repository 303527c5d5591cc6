package io.proximadb.server.service;

/**
 * The kinds of error the API reports. Each {@link #code()} is a stable, machine-readable name that
 * every adapter puts in its error bodies (REST) or status details (gRPC); adapters choose the
 * status that goes with it.
 */
public enum ErrorCode {
    /** Bad input: malformed JSON, wrong types, unknown fields, wrong dimension, NaN. Nothing changed. */
    INVALID_ARGUMENT("invalid_argument"),
    /** No API key, or one that is not valid, on a server that needs one. */
    UNAUTHENTICATED("unauthenticated"),
    /** A valid key whose role may not do this (a reader that writes, a writer that manages keys). */
    PERMISSION_DENIED("permission_denied"),
    /** An unknown collection, record or route; also another tenant's collection, whose existence is not told. */
    NOT_FOUND("not_found"),
    /** A collection created under a name already taken. */
    ALREADY_EXISTS("already_exists"),
    /** A plugin named in a request that this server does not have. */
    PLUGIN_UNAVAILABLE("plugin_unavailable"),
    /** A request body above the server's limit. */
    PAYLOAD_TOO_LARGE("payload_too_large"),
    /** A known route called with a method it does not serve. */
    METHOD_NOT_ALLOWED("method_not_allowed"),
    /** A body that is not {@code application/json}. */
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    /** The key sent more requests than its rate limit allows; retry after the time the answer says. */
    RATE_LIMITED("rate_limited"),
    /** The database is still recovering or already shutting down; retry later. */
    UNAVAILABLE("unavailable"),
    /** An I/O failure in the engine; the operation may not have happened. */
    STORAGE_FAILURE("storage_failure"),
    /** A bug: anything else. The server log holds the details under the request id. */
    INTERNAL("internal");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
