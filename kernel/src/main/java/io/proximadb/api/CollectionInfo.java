package io.proximadb.api;

import io.proximadb.spi.collection.CollectionSpec;

/**
 * A collection's configuration and counters, as {@link Collection#describe()} reports them.
 *
 * @param spec             the collection's fixed configuration
 * @param liveRecords      records stored, not deleted and not expired
 * @param lastSequence     the sequence number of the newest visible write
 * @param storage          segments, memtables and what flushes and merges have written
 */
public record CollectionInfo(CollectionSpec spec, long liveRecords, long lastSequence, StorageStats storage) {

    public String name() {
        return spec.name();
    }
}
