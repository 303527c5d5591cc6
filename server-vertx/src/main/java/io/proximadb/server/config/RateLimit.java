package io.proximadb.server.config;

/**
 * A token bucket's shape: each caller (API key) may send {@code burst} requests at once and
 * {@code perSecond} a second on average; more get 429 with the seconds to wait.
 *
 * @param perSecond the refill rate; 0 turns the limit off
 * @param burst     the bucket's size, at least 1 when the limit is on
 */
public record RateLimit(double perSecond, int burst) {

    public static final RateLimit UNLIMITED = new RateLimit(0, 0);

    public RateLimit {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate limit must be a finite number of requests a second >= 0, got "
                    + perSecond);
        }
        if (perSecond > 0 && burst < 1) {
            throw new IllegalArgumentException("rate limit burst must be at least 1, got " + burst);
        }
    }

    public boolean enabled() {
        return perSecond > 0;
    }
}
