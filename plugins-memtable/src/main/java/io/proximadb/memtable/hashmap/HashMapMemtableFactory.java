package io.proximadb.memtable.hashmap;

import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableFactory;

/** The {@code hashmap} memtable plugin. Stateless, hence thread-safe. */
public final class HashMapMemtableFactory implements MemtableFactory {

    @Override
    public String name() {
        return "hashmap";
    }

    @Override
    public String description() {
        return "ConcurrentHashMap: fastest puts and point reads; scans sort (once, when frozen).";
    }

    @Override
    public Memtable create() {
        return new HashMapMemtable();
    }
}
