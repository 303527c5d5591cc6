package io.proximadb.index.hnsw;

import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.memory.LargePages;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A float32 walk's own copy of the vectors, on huge pages ({@link LargePages}).
 *
 * <p>Why: the walk reads a whole vector (3 KiB at 784 dimensions) at each of a few hundred random
 * places per query. In a segment's mapping, on 4 KiB pages, each of those reads starts with a TLB
 * miss and a page-table walk; hnswlib and FAISS hold their vectors in their own memory for the
 * same walk. Measured on fashion-mnist, one process searching the same graph over both copies in
 * alternating rounds: 6 % to 21 % more queries per second at ef 10 over five processes, the same
 * answers (docs/bench/ann.md). Walks on codes read vectors only to re-score a few candidates and
 * keep the segment's.
 *
 * <p>The copy costs memory: the vectors then sit in the index as well as in the segment's mapping,
 * whose pages the kernel may drop once searches no longer touch them. So a walk copies only where
 * huge pages are to be had ({@link LargePages#available()}), and only vectors that fill at least
 * one huge page and take at most 1/{@value #MAX_SHARE_OF_MEMORY_DENOMINATOR} of physical memory,
 * together with the copies the factory's other open indexes hold ({@link ResidentBudget}): a larger
 * segment stays in its mapping, where the kernel can page it, and one opened once that share is
 * spent stays there until a share comes free ({@link ResidentShare}).
 *
 * @param source  the vectors copied, still the source of {@link #vector}
 * @param segment the copy, ordinal-major little-endian float32 as {@link VectorValues#segment()} lays out
 */
record ResidentVectors(VectorValues source, MemorySegment segment) implements VectorValues {

    /** Vectors taking more than 1/8 of physical memory stay in the segment's mapping. */
    static final int MAX_SHARE_OF_MEMORY_DENOMINATOR = 8;

    /** How much {@link #copyOf(VectorValues, Arena, BooleanSupplier)} copies between two looks at whether to go on. */
    static final long PIECE_BYTES = 16L << 20;

    private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Whether a float32 walk over vectors of {@code bytes} in all should search a copy of them. */
    static boolean pays(long bytes) {
        return bytes >= LargePages.HUGE_PAGE_BYTES && LargePages.available()
                && bytes <= physicalMemory() / MAX_SHARE_OF_MEMORY_DENOMINATOR;
    }

    /** A copy of {@code values} in memory from {@link LargePages#allocate}, freed when {@code arena} closes. */
    static ResidentVectors copyOf(VectorValues values, Arena arena) {
        return copyOf(values, arena, () -> false);
    }

    /**
     * {@link #copyOf(VectorValues, Arena)}, in pieces of {@value #PIECE_BYTES} bytes or so, checking
     * {@code cancelled} before each: a copy nobody will walk any more (its index closed) stops early.
     *
     * @throws CancellationException when {@code cancelled} said so; what was allocated goes with {@code arena}
     */
    static ResidentVectors copyOf(VectorValues values, Arena arena, BooleanSupplier cancelled) {
        long bytes = bytesOf(values);
        MemorySegment copy = LargePages.allocate(arena, bytes);
        MemorySegment mapped = values.segment();
        long rowBytes = (long) values.dimension() * Float.BYTES;
        int rowsPerPiece = (int) Math.max(1, PIECE_BYTES / Math.max(1, rowBytes));
        for (int from = 0; from < values.size(); from += rowsPerPiece) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("the copy of the vectors is no longer wanted");
            }
            int to = Math.min(values.size(), from + rowsPerPiece);
            if (mapped != null) {
                MemorySegment.copy(mapped, from * rowBytes, copy, from * rowBytes, (to - from) * rowBytes);
            } else {
                for (int ordinal = from; ordinal < to; ordinal++) {
                    MemorySegment.copy(values.vector(ordinal), 0, copy, FLOAT_LE, ordinal * rowBytes, values.dimension());
                }
            }
        }
        return new ResidentVectors(values, copy);
    }

    static long bytesOf(VectorValues values) {
        return (long) values.size() * values.dimension() * Float.BYTES;
    }

    static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0; // unknown: copy nothing
    }

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public int dimension() {
        return source.dimension();
    }

    @Override
    public float[] vector(int ordinal) {
        return source.vector(ordinal);
    }

    /** Bytes of the copy, for the index's memory figure. */
    long bytes() {
        return segment.byteSize();
    }
}
