package io.proximadb.server.rest;

import io.proximadb.server.auth.Authenticator;
import io.proximadb.server.auth.BearerKey;
import io.proximadb.server.auth.Principal;
import io.proximadb.server.service.ErrorCode;
import io.proximadb.server.service.ServiceException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Authenticates every {@code /v1} request from its {@code Authorization: Bearer <key>} header and
 * puts the caller in the routing context, where handlers take it with {@link #of}. Runs on the event
 * loop: a lookup is a map read and one SHA-256, no I/O.
 */
public final class Callers implements Handler<RoutingContext> {

    private static final String KEY = "proxima.principal";
    private static final String ACCESS_TOKEN = "access_token";

    private final Authenticator authenticator;

    public Callers(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void handle(RoutingContext context) {
        String key;
        try {
            key = BearerKey.from(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        } catch (IllegalArgumentException e) {
            context.fail(new ServiceException(ErrorCode.UNAUTHENTICATED, "send the API key as Authorization: Bearer <key>"));
            return;
        }
        if (key == null && "websocket".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE))) {
            // Browsers cannot set headers on a WebSocket, so the change feed also takes ?access_token=.
            // Access lines never log the query string.
            key = context.request().getParam(ACCESS_TOKEN);
        }
        Optional<Principal> caller = authenticator.authenticate(key);
        if (caller.isEmpty()) {
            context.fail(new ServiceException(ErrorCode.UNAUTHENTICATED, key == null
                    ? "this server needs an API key: send Authorization: Bearer <key>"
                    : "the API key is not valid: it is malformed, unknown or revoked"));
            return;
        }
        context.put(KEY, caller.get());
        context.next();
    }

    /** The caller that {@link Callers} authenticated for this request. */
    static Principal of(RoutingContext context) {
        Principal caller = context.get(KEY);
        if (caller == null) {
            throw new IllegalStateException("no caller: the Callers handler must run before " + context.request().path());
        }
        return caller;
    }

    /** The caller, if this request was authenticated; for handlers that run before or without it. */
    public static Optional<Principal> find(RoutingContext context) {
        return Optional.ofNullable(context.get(KEY));
    }
}
