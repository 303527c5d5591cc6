package io.proximadb.memtable.skiplist;

import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableFactory;

/** The {@code skiplist} memtable plugin. Stateless, hence thread-safe. */
public final class SkiplistMemtableFactory implements MemtableFactory {

    @Override
    public String name() {
        return "skiplist";
    }

    @Override
    public String description() {
        return "Lock-free concurrent skip list (JDK ConcurrentSkipListMap); the balanced default.";
    }

    @Override
    public Memtable create() {
        return new SkiplistMemtable();
    }
}
