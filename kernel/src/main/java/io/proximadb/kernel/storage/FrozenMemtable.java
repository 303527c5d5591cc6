package io.proximadb.kernel.storage;

import io.proximadb.spi.memtable.Memtable;

/**
 * A memtable that no longer takes writes and waits for its flush.
 *
 * @param memtable     the frozen memtable
 * @param rows         its writes as rows, for searches
 * @param lastSequence the last sequence number it may hold: every write at or below it is in this
 *                     memtable or an older one, every later write in a newer one
 */
public record FrozenMemtable(Memtable memtable, MemtableRows rows, long lastSequence) {
}
