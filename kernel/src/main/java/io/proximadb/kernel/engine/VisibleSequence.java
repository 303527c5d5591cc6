package io.proximadb.kernel.engine;

import java.util.PriorityQueue;

/**
 * The highest sequence number up to which every write has been applied to the memtable: what a
 * reader may read at. Writers finish out of order (a later write can reach the memtable before an
 * earlier one); a range that completes early waits here until the ranges before it complete, so
 * that a read at the published number never misses an earlier write. Thread-safe.
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
        published = next;
    }
}
