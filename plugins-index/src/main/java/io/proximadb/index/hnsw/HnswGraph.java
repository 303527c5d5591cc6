package io.proximadb.index.hnsw;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The layered graph, read and written in place in the index's bytes (see {@link HnswLayout}).
 * A neighbour list is addressed by its byte offset: an i32 count followed by the slots. The same
 * class serves the graph being built (off-heap, written under the builder's locks) and a graph
 * loaded from a memory-mapped file (read-only); it holds no lock itself.
 */
final class HnswGraph {

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    final MemorySegment data;
    final HnswLayout layout;
    private final long level0Offset;
    private final long level0Stride;
    private final long upperLinksOffset;
    private final long upperIndexOffset;
    private final int upperStrideInts;

    HnswGraph(MemorySegment data, HnswLayout layout) {
        this.data = data;
        this.layout = layout;
        this.level0Offset = layout.level0Offset;
        this.level0Stride = layout.level0Stride;
        this.upperLinksOffset = layout.upperLinksOffset;
        this.upperIndexOffset = layout.upperIndexOffset;
        this.upperStrideInts = layout.upperStrideInts();
    }

    /** The byte offset of {@code node}'s list on {@code level}; the node must reach that level. */
    long list(int node, int level) {
        if (level == 0) {
            return level0Offset + node * level0Stride;
        }
        int first = data.get(INT, upperIndexOffset + (long) node * Integer.BYTES);
        return upperLinksOffset + ((long) first + (long) (level - 1) * upperStrideInts) * Integer.BYTES;
    }

    int size(long list) {
        return data.get(INT, list);
    }

    int neighbor(long list, int slot) {
        return data.get(INT, list + Integer.BYTES + (long) slot * Integer.BYTES);
    }

    /** Copies the list into {@code into}; returns its size. */
    int copy(long list, int[] into) {
        int size = data.get(INT, list);
        MemorySegment.copy(data, INT, list + Integer.BYTES, into, 0, size);
        return size;
    }

    /** Replaces the list by the first {@code size} of {@code nodes}; slots are written before the count. */
    void set(long list, int[] nodes, int size) {
        MemorySegment.copy(nodes, 0, data, INT, list + Integer.BYTES, size);
        data.set(INT, list, size);
    }

    /** Appends one node to a list that has room. */
    void append(long list, int node) {
        int size = data.get(INT, list);
        data.set(INT, list + Integer.BYTES + (long) size * Integer.BYTES, node);
        data.set(INT, list, size + 1);
    }

    int level(int node) {
        return data.get(ValueLayout.JAVA_BYTE, layout.levelsOffset + node);
    }
}
