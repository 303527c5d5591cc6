package io.proximadb.index.common;

import io.proximadb.spi.index.Neighbor;
import java.util.ArrayList;
import java.util.List;

/**
 * The best (distance, ordinal) pairs seen so far, at most {@code capacity} of them, in a max-heap
 * on parallel primitive arrays, so that a scan over millions of vectors allocates nothing per
 * candidate: the worst is at the root, so a candidate is refused with one comparison. Ties are
 * broken by the smaller ordinal, which makes results deterministic; a NaN distance ranks after
 * every number. Grows its arrays when a search asks for a larger capacity, then keeps them, so
 * one can serve every search of a thread. Not thread-safe. Shared by the exact scan of
 * {@code flat} and the list scans of {@code ivf}.
 */
public final class CandidateHeap {

    private float[] distances;
    private int[] ordinals;
    private int capacity;
    private int size;

    /** An empty heap bounded to {@code capacity} entries. */
    public CandidateHeap(int capacity) {
        this.distances = new float[capacity];
        this.ordinals = new int[capacity];
        this.capacity = capacity;
    }

    /** Empties the heap and bounds it to {@code capacity} entries. */
    public void reset(int capacity) {
        if (capacity > distances.length) {
            distances = new float[capacity];
            ordinals = new int[capacity];
        }
        this.capacity = capacity;
        this.size = 0;
    }

    public int size() {
        return size;
    }

    public void offer(int ordinal, float distance) {
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

    /**
     * Empties the heap into {@code outOrdinals} and {@code outDistances}, nearest first; returns
     * how many. The arrays must hold {@link #size()} entries.
     */
    public int drainSorted(int[] outOrdinals, float[] outDistances) {
        int count = size;
        while (size > 0) {
            int last = --size;
            outOrdinals[last] = ordinals[0];
            outDistances[last] = distances[0];
            ordinals[0] = ordinals[last];
            distances[0] = distances[last];
            siftDown(0);
        }
        return count;
    }

    public long memoryBytes() {
        return (long) distances.length * (Float.BYTES + Integer.BYTES);
    }

    /** Empties the heap into a list, nearest first. */
    public List<Neighbor> drainToList() {
        int[] sortedOrdinals = new int[size];
        float[] sortedDistances = new float[size];
        int count = drainSorted(sortedOrdinals, sortedDistances);
        List<Neighbor> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(new Neighbor(sortedOrdinals[i], sortedDistances[i]));
        }
        return result;
    }

    /** Whether (d1, o1) ranks after (d2, o2); the first test settles nearly every call of a scan. */
    private static boolean worse(float d1, int o1, float d2, int o2) {
        if (d1 > d2) {
            return true;
        }
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
            int worst = right < size && worse(distances[right], ordinals[right], distances[left], ordinals[left]) ? right : left;
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
