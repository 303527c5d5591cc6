package io.proximadb.server.limits;

/**
 * A token bucket: {@code capacity} tokens, refilled at {@code perSecond}; a request takes one.
 * Time comes from the caller ({@code nowNanos}), so tests need no clock. Thread-safe.
 */
public final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long updatedNanos;

    public TokenBucket(int capacity, double perSecond, long nowNanos) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.updatedNanos = nowNanos;
    }

    /**
     * Takes a token if there is one.
     *
     * @return 0 when a token was taken, else the nanoseconds until the next one
     */
    public synchronized long tryTake(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - updatedNanos);
        tokens = Math.min(capacity, tokens + elapsed * perNano);
        updatedNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

    /** Whether the bucket is full, so forgetting it changes nothing. */
    public synchronized boolean full(long nowNanos) {
        return tokens + Math.max(0, nowNanos - updatedNanos) * perNano >= capacity;
    }
}
