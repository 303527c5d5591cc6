package com.example.proxima.treemap;

import io.proximadb.spi.memtable.MemtableContractTest;
import io.proximadb.spi.memtable.MemtableFactory;

/** All a plugin needs to be held to ProximaDB's memtable contract: extend the suite, name the factory. */
class TreeMapMemtableTest extends MemtableContractTest {

    @Override
    protected MemtableFactory factory() {
        return new TreeMapMemtableFactory();
    }
}
