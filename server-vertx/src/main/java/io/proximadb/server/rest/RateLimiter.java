package io.proximadb.server.rest;

import io.proximadb.server.limits.RateLimits;
import io.proximadb.server.service.ServiceException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Holds each REST caller to its {@link RateLimits} bucket: 429 with {@code Retry-After} beyond it. */
public final class RateLimiter implements Handler<RoutingContext> {

    private final RateLimits limits;

    public RateLimiter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void handle(RoutingContext context) {
        long seconds = limits.secondsToWait(Callers.of(context).subject());
        if (seconds > 0) {
            context.fail(ServiceException.rateLimited(limits.refusal(seconds), seconds));
            return;
        }
        context.next();
    }
}
