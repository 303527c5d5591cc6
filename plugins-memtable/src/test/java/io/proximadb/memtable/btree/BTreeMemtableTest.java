package io.proximadb.memtable.btree;

import io.proximadb.spi.memtable.MemtableContractTest;
import io.proximadb.spi.memtable.MemtableFactory;

/** The {@code btree} memtable against the memtable contract. */
class BTreeMemtableTest extends MemtableContractTest {

    @Override
    protected MemtableFactory factory() {
        return new BTreeMemtableFactory();
    }
}
