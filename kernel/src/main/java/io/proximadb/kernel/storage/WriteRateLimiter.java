package io.proximadb.kernel.storage;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces a background merge to a byte rate, so that it leaves disk bandwidth to flushes and the
 * log. A token bucket holding at most one second of bytes; used by one thread.
 */
final class WriteRateLimiter {

    private final long bytesPerSecond;
    private double available;
    private long lastRefill = System.nanoTime();

    /** @param bytesPerSecond the rate; 0 for no limit */
    WriteRateLimiter(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.available = bytesPerSecond;
    }

    /** Waits until {@code bytes} may be written. */
    void acquire(long bytes) {
        if (bytesPerSecond == 0) {
            return;
        }
        refill();
        available -= bytes;
        if (available < 0) {
            long waitNanos = (long) (-available * TimeUnit.SECONDS.toNanos(1) / bytesPerSecond);
            LockSupport.parkNanos(waitNanos);
            refill();
        }
    }

    private void refill() {
        long now = System.nanoTime();
        available = Math.min(bytesPerSecond, available + (now - lastRefill) * (double) bytesPerSecond / 1e9);
        lastRefill = now;
    }
}
