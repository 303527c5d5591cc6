package io.proximadb.memtable.btree;

import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableFactory;

/** The {@code btree} memtable plugin. Stateless, hence thread-safe. */
public final class BTreeMemtableFactory implements MemtableFactory {

    @Override
    public String name() {
        return "btree";
    }

    @Override
    public String description() {
        return "B+-tree of fan-out 64 with linked leaves: dense nodes, fast ordered scans.";
    }

    @Override
    public Memtable create() {
        return new BTreeMemtable();
    }
}
