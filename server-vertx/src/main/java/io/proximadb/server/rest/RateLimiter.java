package io.proximadb.server.rest;

import io.proximadb.server.config.RateLimit;
import io.proximadb.server.limits.TokenBucket;
import io.proximadb.server.service.ServiceException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Limits each caller (an API key; every anonymous caller shares one bucket) to a token bucket's
 * rate, answering 429 with {@code Retry-After} beyond it. Buckets that are full again are
 * forgotten now and then, so the map holds only the callers that were recently busy.
 */
public final class RateLimiter implements Handler<RoutingContext> {

    private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final RateLimit limit;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    public RateLimiter(RateLimit limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.lastSweep = nanoTime.getAsLong();
    }

    @Override
    public void handle(RoutingContext context) {
        String subject = Callers.of(context).subject();
        long now = nanoTime.getAsLong();
        long wait = buckets.computeIfAbsent(subject, ignored -> new TokenBucket(limit.burst(), limit.perSecond(), now))
                .tryTake(now);
        sweep(now);
        if (wait > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + TimeUnit.SECONDS.toNanos(1) - 1));
            context.fail(ServiceException.rateLimited("rate limit of " + limit.perSecond() + " requests a second (bursts of "
                    + limit.burst() + ") exceeded for this key; retry after " + seconds + " s", seconds));
            return;
        }
        context.next();
    }

    private void sweep(long now) {
        if (now - lastSweep < SWEEP_EVERY_NANOS) {
            return;
        }
        lastSweep = now;
        buckets.values().removeIf(bucket -> bucket.full(now));
    }
}
