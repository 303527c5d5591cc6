package io.proximadb.index.hnsw;

import java.util.Arrays;

/**
 * A binary heap of (distance, node) pairs on parallel primitive arrays, nearest on top, or
 * farthest on top when built with {@code farthestFirst}. Grows as needed and keeps its capacity
 * across {@link #clear()}, so that a pooled search allocates nothing once warm. Not thread-safe.
 */
final class NodeHeap {

    private final boolean farthestFirst;
    private float[] keys;
    private int[] nodes;
    private int size;

    NodeHeap(int capacity, boolean farthestFirst) {
        this.farthestFirst = farthestFirst;
        this.keys = new float[Math.max(capacity, 4)];
        this.nodes = new int[keys.length];
    }

    boolean farthestFirst() {
        return farthestFirst;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    void push(float distance, int node) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            nodes = Arrays.copyOf(nodes, size * 2);
        }
        // A max-heap is a min-heap on negated keys; negation is exact for floats.
        float key = farthestFirst ? -distance : distance;
        int index = size++;
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (keys[parent] <= key) {
                break;
            }
            keys[index] = keys[parent];
            nodes[index] = nodes[parent];
            index = parent;
        }
        keys[index] = key;
        nodes[index] = node;
    }

    /** The top's distance. */
    float topDistance() {
        return farthestFirst ? -keys[0] : keys[0];
    }

    int topNode() {
        return nodes[0];
    }

    /** Removes the top; returns its node. */
    int pop() {
        int top = nodes[0];
        size--;
        if (size > 0) {
            siftDown(keys[size], nodes[size]);
        }
        return top;
    }

    private void siftDown(float key, int node) {
        int index = 0;
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && keys[right] < keys[child]) {
                child = right;
            }
            if (key <= keys[child]) {
                break;
            }
            keys[index] = keys[child];
            nodes[index] = nodes[child];
            index = child;
        }
        keys[index] = key;
        nodes[index] = node;
    }

    /** Copies the distances held, in heap order, into {@code into}; returns how many. */
    int copyDistances(float[] into) {
        for (int i = 0; i < size; i++) {
            into[i] = farthestFirst ? -keys[i] : keys[i];
        }
        return size;
    }

    long memoryBytes() {
        return (long) keys.length * (Float.BYTES + Integer.BYTES);
    }
}
