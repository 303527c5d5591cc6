package io.proximadb.storage.segment.viper;

import java.util.Arrays;

/** A growable {@code int[]}; not thread-safe. */
final class IntList {

    private int[] values;
    private int size;

    IntList(int capacity) {
        values = new int[Math.max(capacity, 4)];
    }

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.toIntExact(Math.min(Integer.MAX_VALUE - 8L, size * 2L)));
        }
        values[size++] = value;
    }

    int get(int index) {
        return values[index];
    }

    int size() {
        return size;
    }
}
