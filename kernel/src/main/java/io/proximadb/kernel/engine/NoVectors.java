package io.proximadb.kernel.engine;

import io.proximadb.spi.index.VectorValues;

/**
 * No vectors of a given dimension. An index built over them answers nothing but still checks its
 * build and search parameters, which is how the engine validates them up front.
 */
record NoVectors(int dimension) implements VectorValues {

    @Override
    public int size() {
        return 0;
    }

    @Override
    public float[] vector(int ordinal) {
        throw new IndexOutOfBoundsException("no vectors; ordinal " + ordinal);
    }
}
