package io.proximadb.server.http;

import io.proximadb.server.rest.ErrorResponder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Gives every request an id and returns it in {@code X-Request-Id}: the caller's own, so that one
 * id follows a request through a proxy and into our logs, or a new one. A caller's id is sanitised
 * (letters, digits and {@code . _ : -}, at most 128 characters) because it is echoed into headers
 * and log lines.
 */
final class RequestIds implements Handler<RoutingContext> {

    static final int MAX_LENGTH = 128;

    @Override
    public void handle(RoutingContext context) {
        String id = sanitise(context.request().getHeader(ErrorResponder.REQUEST_ID_HEADER));
        context.response().putHeader(ErrorResponder.REQUEST_ID_HEADER, id);
        context.next();
    }

    static String sanitise(String offered) {
        if (offered != null) {
            StringBuilder kept = new StringBuilder(Math.min(offered.length(), MAX_LENGTH));
            for (int i = 0; i < offered.length() && kept.length() < MAX_LENGTH; i++) {
                char c = offered.charAt(i);
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '.' || c == '_' || c == ':' || c == '-') {
                    kept.append(c);
                }
            }
            if (!kept.isEmpty()) {
                return kept.toString();
            }
        }
        return UUID.randomUUID().toString();
    }
}
