package io.proximadb.api;

import io.proximadb.spi.collection.CollectionSpec;

/**
 * A collection's configuration and counters, as {@link Collection#describe()} reports them.
 *
 * @param spec             the collection's fixed configuration
 * @param liveRecords      records stored and not deleted (expired ones are counted until they are
 *                         dropped by compaction)
 * @param lastSequence     the sequence number of the newest visible write
 * @param memtableBytes    approximate heap bytes held by the memtable
 */
public record CollectionInfo(CollectionSpec spec, long liveRecords, long lastSequence, long memtableBytes) {

    public String name() {
        return spec.name();
    }
}
