package io.proximadb.index.hnsw;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;

/** The index contract for {@code hnsw} with its default parameters. */
class HnswIndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new HnswIndexFactory();
    }

    @Override
    protected double recallFloor() {
        return 0.95;
    }
}
