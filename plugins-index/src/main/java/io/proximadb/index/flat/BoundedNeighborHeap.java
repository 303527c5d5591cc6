package io.proximadb.index.flat;

import io.proximadb.spi.index.Neighbor;
import java.util.ArrayList;
import java.util.List;

/**
 * The k best (distance, ordinal) pairs seen so far, in a max-heap on parallel primitive arrays so
 * that a scan over millions of vectors allocates nothing per candidate. Ties are broken by the
 * smaller ordinal, which makes results deterministic. Not thread-safe: one per search.
 */
final class BoundedNeighborHeap {

    private final int capacity;
    private final float[] distances;
    private final int[] ordinals;
    private int size;

    BoundedNeighborHeap(int capacity) {
        this.capacity = capacity;
        this.distances = new float[capacity];
        this.ordinals = new int[capacity];
    }

    void offer(int ordinal, float distance) {
        if (size < capacity) {
            distances[size] = distance;
            ordinals[size] = ordinal;
            siftUp(size++);
        } else if (worse(distances[0], ordinals[0], distance, ordinal)) {
            distances[0] = distance;
            ordinals[0] = ordinal;
            siftDown(0);
        }
    }

    /** The heap's contents, nearest first. */
    List<Neighbor> toSortedList() {
        List<Neighbor> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(new Neighbor(ordinals[i], distances[i]));
        }
        result.sort((a, b) -> worse(a.distance(), a.ordinal(), b.distance(), b.ordinal()) ? 1
                : worse(b.distance(), b.ordinal(), a.distance(), a.ordinal()) ? -1 : 0);
        return result;
    }

    /** Whether (d1, o1) ranks after (d2, o2). */
    private static boolean worse(float d1, int o1, float d2, int o2) {
        int byDistance = Float.compare(d1, d2);
        return byDistance > 0 || (byDistance == 0 && o1 > o2);
    }

    private void siftUp(int index) {
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!worse(distances[index], ordinals[index], distances[parent], ordinals[parent])) {
                return;
            }
            swap(index, parent);
            index = parent;
        }
    }

    private void siftDown(int index) {
        while (true) {
            int left = 2 * index + 1;
            if (left >= size) {
                return;
            }
            int right = left + 1;
            int worst = right < size && worse(distances[right], ordinals[right], distances[left], ordinals[left])
                    ? right : left;
            if (!worse(distances[worst], ordinals[worst], distances[index], ordinals[index])) {
                return;
            }
            swap(index, worst);
            index = worst;
        }
    }

    private void swap(int a, int b) {
        float distance = distances[a];
        distances[a] = distances[b];
        distances[b] = distance;
        int ordinal = ordinals[a];
        ordinals[a] = ordinals[b];
        ordinals[b] = ordinal;
    }
}
