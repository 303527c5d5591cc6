package io.proximadb.memtable.art;

import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableFactory;

/** The {@code art} memtable plugin. Stateless, hence thread-safe. */
public final class ArtMemtableFactory implements MemtableFactory {

    @Override
    public String name() {
        return "art";
    }

    @Override
    public String description() {
        return "Adaptive radix tree over UTF-8 ids, copy-on-write: lock-free reads, compact shared prefixes.";
    }

    @Override
    public Memtable create() {
        return new ArtMemtable();
    }
}
