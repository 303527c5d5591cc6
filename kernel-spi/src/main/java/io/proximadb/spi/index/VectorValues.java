package io.proximadb.spi.index;

/**
 * Random access to the vectors an index is built over, by ordinal {@code 0..size()-1}.
 *
 * <p>Ownership: the array returned by {@link #vector} belongs to the values; callers must not
 * modify it, and may keep it only as long as the values themselves are in use.
 */
public interface VectorValues {

    int size();

    int dimension();

    float[] vector(int ordinal);

    /**
     * The vectors in place, when they are stored contiguously off-heap (a memory-mapped segment):
     * ordinal-major little-endian float32, ordinal {@code i} at byte offset
     * {@code i * dimension() * 4}; {@code null} otherwise. Indexes that find a segment here read
     * it with the {@link io.proximadb.spi.vector.VectorKernels} segment kernels instead of copying
     * each vector out with {@link #vector}.
     */
    default java.lang.foreign.MemorySegment segment() {
        return null;
    }
}
