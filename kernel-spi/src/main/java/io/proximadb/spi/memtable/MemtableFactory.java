package io.proximadb.spi.memtable;

import io.proximadb.spi.Plugin;

/**
 * The memtable SPI: a named factory of {@link Memtable}s, found with {@link java.util.ServiceLoader}
 * under {@code META-INF/services/io.proximadb.spi.memtable.MemtableFactory}.
 *
 * <p>Thread safety: factories are shared and must be thread-safe. Every plugin's tests extend the
 * {@code MemtableContractTest} suite of this module's {@code tests} jar.
 */
public interface MemtableFactory extends Plugin {

    /** A new, empty, writable memtable. */
    Memtable create();
}
