package com.example.proxima.treemap;

import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableFactory;

/**
 * The plugin's entry point, named in
 * {@code META-INF/services/io.proximadb.spi.memtable.MemtableFactory}. ProximaDB finds it with
 * {@link java.util.ServiceLoader} and a collection chooses it with {@code memtable = "treemap"}.
 */
public final class TreeMapMemtableFactory implements MemtableFactory {

    @Override
    public String name() {
        return "treemap";
    }

    @Override
    public String description() {
        return "example plugin: a TreeMap under one read-write lock";
    }

    @Override
    public Memtable create() {
        return new TreeMapMemtable();
    }
}
