package io.proximadb.server.http;

import io.proximadb.server.service.RequestId;
import io.proximadb.server.rest.ErrorResponder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every REST request an id ({@link RequestId#accept}) and returns it in {@code X-Request-Id}.
 */
final class RequestIds implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext context) {
        String id = RequestId.accept(context.request().getHeader(ErrorResponder.REQUEST_ID_HEADER));
        context.response().putHeader(ErrorResponder.REQUEST_ID_HEADER, id);
        context.next();
    }
}
