package io.proximadb.bench.ann;

import io.proximadb.spi.index.VectorValues;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The base vectors both on the heap (for {@link #vector}) and in one contiguous off-heap segment
 * (for {@link #segment}), as a memory-mapped segment would present them, so that indexes take
 * their in-place kernel path exactly as they do inside the engine.
 */
public final class InMemoryVectors implements VectorValues, AutoCloseable {

    private final float[][] rows;
    private final int dimension;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment segment;

    public InMemoryVectors(float[][] rows) {
        this.rows = rows;
        this.dimension = rows.length == 0 ? 0 : rows[0].length;
        this.segment = arena.allocate((long) rows.length * dimension * Float.BYTES, 64);
        for (int i = 0; i < rows.length; i++) {
            MemorySegment.copy(rows[i], 0, segment, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN),
                    (long) i * dimension * Float.BYTES, dimension);
        }
    }

    @Override
    public int size() {
        return rows.length;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] vector(int ordinal) {
        return rows[ordinal];
    }

    @Override
    public MemorySegment segment() {
        return segment;
    }

    /** The first {@code count} vectors, over the same memory. */
    VectorValues first(int count) {
        if (count < 0 || count > rows.length) {
            throw new IllegalArgumentException("cannot take the first " + count + " of " + rows.length + " vectors");
        }
        return new First(this, count);
    }

    private record First(InMemoryVectors all, int size) implements VectorValues {
        @Override
        public int dimension() {
            return all.dimension;
        }

        @Override
        public float[] vector(int ordinal) {
            return all.vector(java.util.Objects.checkIndex(ordinal, size));
        }

        @Override
        public MemorySegment segment() {
            return all.segment.asSlice(0, (long) size * all.dimension * Float.BYTES);
        }
    }

    /** Bytes of the vectors as a segment stores them, once. */
    long bytes() {
        return segment.byteSize();
    }

    @Override
    public void close() {
        arena.close();
    }
}
