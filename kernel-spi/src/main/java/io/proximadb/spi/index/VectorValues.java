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
}
