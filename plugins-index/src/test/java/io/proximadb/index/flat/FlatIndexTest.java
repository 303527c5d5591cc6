package io.proximadb.index.flat;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;

class FlatIndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new FlatIndexFactory();
    }

    @Override
    protected double recallFloor() {
        return 1.0;
    }
}
