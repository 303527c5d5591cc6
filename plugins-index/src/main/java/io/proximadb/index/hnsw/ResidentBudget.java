package io.proximadb.index.hnsw;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of vector copies ({@link ResidentVectors}) the open indexes of one factory may
 * hold together. A copy is anonymous memory, which the kernel cannot simply drop as it drops the
 * page cache behind the segment's mapping it duplicates, so a collection of many segments must not
 * hold a copy of each: once the budget is spent, a new index searches its segment's own vectors
 * until a share comes free ({@link ResidentShare}), and a closed one gives its bytes back.
 *
 * <p>The budget is the factory's, not the process's, so that nothing global is shared: an engine
 * loads one {@code hnsw} factory, and AXIS builds through one of its own.
 */
final class ResidentBudget {

    private final long capacity;
    private final AtomicLong reserved = new AtomicLong();
    /** How many times bytes were given back: an index waiting for a share looks again when this moves. */
    private final AtomicLong releases = new AtomicLong();

    ResidentBudget(long capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a resident budget of " + capacity + " bytes");
        }
        this.capacity = capacity;
    }

    /** The share of physical memory {@link ResidentVectors} allows: the same for one copy and for all together. */
    static ResidentBudget ofPhysicalMemory() {
        return new ResidentBudget(ResidentVectors.physicalMemory() / ResidentVectors.MAX_SHARE_OF_MEMORY_DENOMINATOR);
    }

    /** Reserves {@code bytes} if they fit beside those reserved already; whether they did. */
    boolean tryReserve(long bytes) {
        long before;
        do {
            before = reserved.get();
            if (bytes > capacity - before) {
                return false;
            }
        } while (!reserved.compareAndSet(before, before + bytes));
        return true;
    }

    /** Gives back {@code bytes} reserved by {@link #tryReserve}. */
    void release(long bytes) {
        if (bytes != 0) {
            reserved.addAndGet(-bytes);
            releases.incrementAndGet();
        }
    }

    /** How many releases there have been; it moves whenever a share may have come free. */
    long releases() {
        return releases.get();
    }

    long reserved() {
        return reserved.get();
    }
}
