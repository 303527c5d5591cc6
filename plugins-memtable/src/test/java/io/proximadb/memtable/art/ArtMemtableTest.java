package io.proximadb.memtable.art;

import io.proximadb.spi.memtable.MemtableContractTest;
import io.proximadb.spi.memtable.MemtableFactory;

/** The {@code art} memtable against the memtable contract. */
class ArtMemtableTest extends MemtableContractTest {

    @Override
    protected MemtableFactory factory() {
        return new ArtMemtableFactory();
    }
}
