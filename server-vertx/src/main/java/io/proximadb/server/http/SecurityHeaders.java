package io.proximadb.server.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers that keep browsers from misusing API answers: no MIME sniffing, no framing, no scripts
 * or other resources loaded on the strength of a JSON body, no caching of data, no referrer. A
 * page the server serves (the dashboard, {@code io.proximadb.server.dashboard}) sets its own Content-Security-Policy
 * and Cache-Control over these.
 */
final class SecurityHeaders implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext context) {
        MultiMap headers = context.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        context.next();
    }
}
