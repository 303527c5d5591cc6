package io.proximadb.index.hnsw;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What a build remembers about each neighbour slot beside the graph itself: the link's distance to
 * the list's owner, and whether the neighbour-selection heuristic has checked the link against the
 * list's other checked links. With both, re-choosing a full list that gains one newcomer needs
 * only the distances from the newcomer, instead of every distance to the owner and every pair the
 * heuristic compares (see {@link NeighborSelector#reselect}); Lucene's HNSW builder keeps the
 * same two facts per slot for the same reason.
 *
 * <p>Slots are addressed as the graph addresses them, by the list's byte offset: the state mirrors
 * the graph's bytes from the first level-0 list to the end of the upper lists, a float and a flag
 * per four bytes. It lives off-heap in the build's arena, is written only under the lock of the
 * list's owner, and is dropped with the arena when the build ends; indexes never store it.
 */
final class LinkState {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT;

    private final long firstList;
    private final MemorySegment distances;
    private final MemorySegment checked;

    LinkState(HnswLayout layout, Arena arena) {
        this.firstList = layout.level0Offset;
        long slots = (layout.upperLinksOffset - layout.level0Offset) / Integer.BYTES + layout.upperInts;
        this.distances = arena.allocate(slots * Float.BYTES, Float.BYTES);
        this.checked = arena.allocate(Math.max(1, slots));
    }

    float distance(long list, int slot) {
        return distances.getAtIndex(FLOAT, index(list, slot));
    }

    boolean checked(long list, int slot) {
        return checked.get(ValueLayout.JAVA_BYTE, index(list, slot)) != 0;
    }

    void put(long list, int slot, float distance, boolean isChecked) {
        long index = index(list, slot);
        distances.setAtIndex(FLOAT, index, distance);
        checked.set(ValueLayout.JAVA_BYTE, index, isChecked ? (byte) 1 : 0);
    }

    /** The list's count is slot -1: the graph's int at the list's offset. */
    private long index(long list, int slot) {
        return (list - firstList) / Integer.BYTES + 1 + slot;
    }
}
