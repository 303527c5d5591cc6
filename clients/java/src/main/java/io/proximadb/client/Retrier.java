package io.proximadb.client;

import io.grpc.StatusRuntimeException;
import io.proximadb.api.ProximaException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs one call, trying again while the server answers 429 (rate limited) or 503 (unavailable):
 * both are refusals before any work, so a retry cannot apply a write twice. The wait is the
 * server's {@code retry-after} when it gives one, else an exponential backoff with jitter.
 */
final class Retrier {

    private final ClientOptions options;

    Retrier(ClientOptions options) {
        this.options = options;
    }

    /**
     * The result of {@code attempt}, retried as described.
     *
     * @param collection the collection the call names, for the engine's not-found / exists errors
     */
    <T> T call(String collection, Supplier<T> attempt) {
        for (int retry = 0; ; retry++) {
            try {
                return attempt.get();
            } catch (StatusRuntimeException failure) {
                ProximaException mapped = RemoteErrors.map(failure, collection);
                Duration wait = delay(mapped, retry);
                if (wait == null || retry >= options.maxRetries()) {
                    throw mapped;
                }
                sleep(wait, mapped);
            }
        }
    }

    /** How long to wait before retry number {@code retry} (from 0), or {@code null} for an error not worth retrying. */
    Duration delay(ProximaException error, int retry) {
        Duration serverSays;
        if (error instanceof ServerException.RateLimited limited) {
            serverSays = limited.retryAfter().orElse(null);
        } else if (error instanceof ServerException.Unavailable unavailable) {
            serverSays = unavailable.retryAfter().orElse(null);
        } else {
            return null;
        }
        if (serverSays != null && serverSays.isPositive()) {
            return serverSays;
        }
        long initial = options.initialBackoff().toMillis();
        long ceiling = Math.min(options.maxBackoff().toMillis(), initial << Math.min(retry, 20));
        // Half fixed, half random: spreads clients that were refused together.
        long millis = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        return Duration.ofMillis(millis);
    }

    private static void sleep(Duration wait, ProximaException pending) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.addSuppressed(e);
            throw pending;
        }
    }
}
