package io.proximadb.storage.segment.viper;

/**
 * A stable merge sort of an {@code int[]} under a comparator of ints, so that the writer can sort
 * positions by the values they stand for without boxing a million {@code Integer}s.
 */
final class IntSorter {

    @FunctionalInterface
    interface IntComparator {
        int compare(int a, int b);
    }

    private static final int INSERTION_BELOW = 16;

    private IntSorter() {
    }

    /** Sorts {@code values} in place, stably. */
    static void sort(int[] values, IntComparator comparator) {
        mergeSort(values.clone(), values, 0, values.length, comparator);
    }

    /** The positions {@code 0..count-1}, sorted stably by the comparator. */
    static int[] sortedPositions(int count, IntComparator comparator) {
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = i;
        }
        sort(positions, comparator);
        return positions;
    }

    /** Sorts {@code dest[low..high)}, using {@code src}, which holds the same elements, as scratch. */
    private static void mergeSort(int[] src, int[] dest, int low, int high, IntComparator comparator) {
        if (high - low < INSERTION_BELOW) {
            for (int i = low + 1; i < high; i++) {
                for (int j = i; j > low && comparator.compare(dest[j - 1], dest[j]) > 0; j--) {
                    int swap = dest[j];
                    dest[j] = dest[j - 1];
                    dest[j - 1] = swap;
                }
            }
            return;
        }
        int mid = (low + high) >>> 1;
        mergeSort(dest, src, low, mid, comparator);
        mergeSort(dest, src, mid, high, comparator);
        if (comparator.compare(src[mid - 1], src[mid]) <= 0) {
            System.arraycopy(src, low, dest, low, high - low);
            return;
        }
        for (int i = low, p = low, q = mid; i < high; i++) {
            if (q >= high || (p < mid && comparator.compare(src[p], src[q]) <= 0)) {
                dest[i] = src[p++];
            } else {
                dest[i] = src[q++];
            }
        }
    }
}
