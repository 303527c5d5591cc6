package io.proximadb.index.ivf;

import java.util.Arrays;

/**
 * The lists of one search in the order they are probed, nearest centroid first (ties: the lower
 * list). Each list is one long key, the distance's bits made order-preserving in the high half
 * and the list in the low half, so ordering them is sorting longs. Only the first {@code nprobe}
 * are selected up front (a bounded heap, O(nlist log nprobe)); the rest are sorted the first time
 * a filtered search needs to probe further. Not thread-safe: part of a search's scratch.
 */
final class ProbeOrder {

    private final long[] keys;
    private int count;
    private int sorted;

    ProbeOrder(int nlist) {
        this.keys = new long[nlist];
    }

    /** Orders lists {@code 0 … count-1} by {@code distances}, selecting the {@code first} nearest. */
    void select(float[] distances, int count, int first) {
        this.count = count;
        for (int list = 0; list < count; list++) {
            keys[list] = key(distances[list], list);
        }
        if (first * 4 >= count) {
            Arrays.sort(keys, 0, count);
            sorted = count;
            return;
        }
        // Max-heap of the `first` smallest keys in keys[0 .. first).
        for (int i = first / 2 - 1; i >= 0; i--) {
            siftDown(i, first);
        }
        for (int i = first; i < count; i++) {
            if (keys[i] < keys[0]) {
                long swap = keys[0];
                keys[0] = keys[i];
                keys[i] = swap;
                siftDown(0, first);
            }
        }
        Arrays.sort(keys, 0, first);
        sorted = first;
    }

    /** The list probed at {@code rank} (0 = nearest), {@code rank < count}. */
    int list(int rank) {
        if (rank >= sorted) {
            Arrays.sort(keys, sorted, count);
            sorted = count;
        }
        return (int) keys[rank];
    }

    long memoryBytes() {
        return (long) keys.length * Long.BYTES;
    }

    /** An order-preserving key: signed comparison of the result orders by distance, then list. */
    private static long key(float distance, int list) {
        int bits = Float.floatToIntBits(distance == 0f ? 0f : distance);
        bits ^= (bits >> 31) & 0x7FFFFFFF;
        return ((long) bits << 32) | list;
    }

    private void siftDown(int index, int size) {
        while (true) {
            int left = 2 * index + 1;
            if (left >= size) {
                return;
            }
            int right = left + 1;
            int larger = right < size && keys[right] > keys[left] ? right : left;
            if (keys[larger] <= keys[index]) {
                return;
            }
            long swap = keys[larger];
            keys[larger] = keys[index];
            keys[index] = swap;
            index = larger;
        }
    }
}
