package io.proximadb.memtable.skiplist;

import io.proximadb.spi.memtable.MemtableContractTest;
import io.proximadb.spi.memtable.MemtableFactory;

/** The {@code skiplist} memtable against the memtable contract. */
class SkiplistMemtableTest extends MemtableContractTest {

    @Override
    protected MemtableFactory factory() {
        return new SkiplistMemtableFactory();
    }
}
