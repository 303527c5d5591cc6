package io.proximadb.index.hnsw;

import java.util.Arrays;

/**
 * Which nodes a search has seen: one bit per node, and the list of words it set, so that
 * {@link #clear()} wipes only those. A walk touches a few thousand nodes of however many there
 * are; a bit per node keeps the whole set in the L1 or L2 cache (a million nodes: 125 KiB, where a
 * stamp per node would take 4 MiB), and clearing costs what the walk cost, not the index's size.
 * Not thread-safe: one per search, reused through {@link io.proximadb.index.common.ScratchPool}.
 */
final class VisitedSet {

    private final long[] words;
    private int[] touched = new int[64];
    private int touchedCount;

    VisitedSet(int capacity) {
        this.words = new long[(capacity + 63) >>> 6];
    }

    void clear() {
        for (int i = 0; i < touchedCount; i++) {
            words[touched[i]] = 0;
        }
        touchedCount = 0;
    }

    /** Marks {@code node}; returns whether it was unseen. */
    boolean visit(int node) {
        int index = node >>> 6;
        long word = words[index];
        long bit = 1L << node;
        if ((word & bit) != 0) {
            return false;
        }
        if (word == 0) {
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, touchedCount * 2);
            }
            touched[touchedCount++] = index;
        }
        words[index] = word | bit;
        return true;
    }

    /** Whether {@code node} is marked. */
    boolean contains(int node) {
        return (words[node >>> 6] & (1L << node)) != 0;
    }

    long memoryBytes() {
        return (long) words.length * Long.BYTES + (long) touched.length * Integer.BYTES;
    }
}
