package io.proximadb.memtable.hashmap;

import io.proximadb.spi.memtable.MemtableContractTest;
import io.proximadb.spi.memtable.MemtableFactory;

/** The {@code hashmap} memtable against the memtable contract. */
class HashMapMemtableTest extends MemtableContractTest {

    @Override
    protected MemtableFactory factory() {
        return new HashMapMemtableFactory();
    }
}
