package io.proximadb.kernel.engine;

import java.util.PriorityQueue;

/**
 * The highest sequence number up to which every write has been applied to the memtable: what a
 * reader may read at. Writers finish out of order (a later write can reach the memtable before an
 * earlier one); a range that completes early waits here until the ranges before it complete, so
 * that a read at the published number never misses an earlier write. Writers wait for their own
 * number before they return ({@link #awaitPublished}), so an acknowledged write is visible to
 * every read that starts after it. Thread-safe.
 */
final class VisibleSequence {

    private record Range(long first, long last) {
    }

    private final PriorityQueue<Range> early = new PriorityQueue<>((a, b) -> Long.compare(a.first, b.first));
    private volatile long published;

    VisibleSequence(long recovered) {
        this.published = recovered;
    }

    long published() {
        return published;
    }

    /** Marks sequences {@code first..last} as applied. */
    synchronized void complete(long first, long last) {
        early.add(new Range(first, last));
        long next = published;
        while (!early.isEmpty() && early.peek().first() <= next + 1) {
            next = Math.max(next, early.poll().last());
        }
        if (next != published) {
            published = next;
            notifyAll();
        }
    }

    /**
     * Waits until {@code sequence} is published. A writer calls it before acknowledging, so that a
     * read that starts after the acknowledgement sees the write even when an earlier write, still
     * applying, holds the published number back.
     */
    synchronized void awaitPublished(long sequence) throws InterruptedException {
        while (published < sequence) {
            wait();
        }
    }
}
