package io.proximadb.server.limits;

import io.proximadb.server.config.RateLimit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller, shared by every adapter (REST and gRPC draw on the same bucket, so
 * switching protocol buys nothing). Buckets that are full again are forgotten now and then, so the
 * map holds only the callers that were recently busy. Thread-safe.
 */
public final class RateLimits {

    private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final RateLimit limit;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    public RateLimits(RateLimit limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.lastSweep = nanoTime.getAsLong();
    }

    public RateLimit limit() {
        return limit;
    }

    /**
     * Takes a token from {@code subject}'s bucket.
     *
     * @return 0 when the call may go ahead, else the whole seconds (at least 1) to wait
     */
    public long secondsToWait(String subject) {
        if (!limit.enabled()) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        long wait = buckets.computeIfAbsent(subject, ignored -> new TokenBucket(limit.burst(), limit.perSecond(), now))
                .tryTake(now);
        sweep(now);
        return wait == 0 ? 0 : Math.max(1, (wait + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    /** The message a refused call gets. */
    public String refusal(long seconds) {
        return "rate limit of " + limit.perSecond() + " requests a second (bursts of " + limit.burst()
                + ") exceeded for this key; retry after " + seconds + " s";
    }

    private void sweep(long now) {
        if (now - lastSweep < SWEEP_EVERY_NANOS) {
            return;
        }
        lastSweep = now;
        buckets.values().removeIf(bucket -> bucket.full(now));
    }
}
