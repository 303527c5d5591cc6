package io.proximadb.index.ivf;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;

/** The index contract for {@code ivf} as IVF-Flat with its default parameters. */
class IvfIndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new IvfIndexFactory();
    }

    @Override
    protected double recallFloor() {
        return 0.95;
    }
}
