package io.proximadb.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ProximaClient} talks to the server.
 *
 * @param apiKey         the key sent as {@code authorization: Bearer <key>}, or {@code null} for a server
 *                       without API keys
 * @param timeout        the deadline of each attempt of a call; a bulk upsert uses it as the longest wait
 *                       for the server to take its next batch
 * @param maxRetries     how many times a call refused with 429 (rate limited) or 503 (unavailable) is tried
 *                       again; 0 turns retries off
 * @param initialBackoff the wait before the first retry when the server names none; it doubles at each
 *                       retry (with jitter), up to {@code maxBackoff}
 * @param maxBackoff     the longest wait between two attempts that the client chooses itself; a server's
 *                       {@code retry-after} is honoured even when longer
 */
public record ClientOptions(String apiKey, Duration timeout, int maxRetries, Duration initialBackoff,
                            Duration maxBackoff) {

    public ClientOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max, got " + initialBackoff
                    + " and " + maxBackoff);
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey is blank; pass null for a server without API keys");
        }
    }

    /** No key, 30 s per attempt, 3 retries from 100 ms up to 5 s. */
    public static ClientOptions defaults() {
        return new ClientOptions(null, Duration.ofSeconds(30), 3, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    public ClientOptions withApiKey(String apiKey) {
        return new ClientOptions(apiKey, timeout, maxRetries, initialBackoff, maxBackoff);
    }

    public ClientOptions withTimeout(Duration timeout) {
        return new ClientOptions(apiKey, timeout, maxRetries, initialBackoff, maxBackoff);
    }

    public ClientOptions withRetries(int maxRetries) {
        return new ClientOptions(apiKey, timeout, maxRetries, initialBackoff, maxBackoff);
    }

    public ClientOptions withBackoff(Duration initial, Duration max) {
        return new ClientOptions(apiKey, timeout, maxRetries, initial, max);
    }

    @Override
    public String toString() {
        // Never print the key itself: options end up in logs.
        return "ClientOptions[apiKey=" + (apiKey == null ? "none" : "***") + ", timeout=" + timeout
                + ", maxRetries=" + maxRetries + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + "]";
    }
}
