package io.proximadb.index.faiss;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import io.proximadb.spi.index.VectorValues;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Hands vectors to FAISS as contiguous float32 rows in native memory. A memory-mapped column
 * ({@link VectorValues#segment()}) goes across as it is, with no copy on the Java side; vectors on
 * the heap, a random sample, or vectors to normalise (cosine) are copied into an off-heap buffer
 * of at most {@value #BATCH_BYTES} bytes at a time, freed as soon as FAISS has taken them.
 */
final class VectorFeed {

    private static final long BATCH_BYTES = 16L << 20;

    /** Receives one batch: {@code count} rows of the feed's dimension at {@code rows}. */
    @FunctionalInterface
    interface Batch {
        void accept(MemorySegment rows, long count);
    }

    private VectorFeed() {
    }

    /**
     * Feeds the vectors at {@code ordinals} ({@code null} for all, in order), normalised to unit
     * length when {@code normalise}.
     */
    static void feed(VectorValues values, int[] ordinals, boolean normalise, Batch batch) {
        int dimension = values.dimension();
        int count = ordinals == null ? values.size() : ordinals.length;
        if (count == 0) {
            return;
        }
        MemorySegment column = values.segment();
        if (ordinals == null && !normalise && column != null && column.isNative()) {
            batch.accept(column, count);
            return;
        }
        long rowBytes = (long) dimension * Float.BYTES;
        int perBatch = (int) Math.max(1, Math.min(count, BATCH_BYTES / rowBytes));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(JAVA_FLOAT, (long) perBatch * dimension);
            for (int first = 0; first < count; first += perBatch) {
                int rows = Math.min(perBatch, count - first);
                for (int r = 0; r < rows; r++) {
                    int ordinal = ordinals == null ? first + r : ordinals[first + r];
                    copy(values.vector(ordinal), normalise, buffer, r * rowBytes);
                }
                batch.accept(buffer, rows);
            }
        }
    }

    /** Writes {@code vector} (unit length when {@code normalise}) into {@code target} at {@code offset}. */
    static void copy(float[] vector, boolean normalise, MemorySegment target, long offset) {
        if (!normalise) {
            MemorySegment.copy(vector, 0, target, JAVA_FLOAT, offset, vector.length);
            return;
        }
        double squares = 0;
        for (float x : vector) {
            squares += (double) x * x;
        }
        // A zero vector has no direction: it stays zero, and its cosine with anything is 0, as the kernels say.
        float scale = squares == 0 ? 0f : (float) (1 / Math.sqrt(squares));
        for (int i = 0; i < vector.length; i++) {
            target.set(JAVA_FLOAT, offset + (long) i * Float.BYTES, vector[i] * scale);
        }
    }
}
