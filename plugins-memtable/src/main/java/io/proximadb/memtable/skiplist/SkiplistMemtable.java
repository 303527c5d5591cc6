package io.proximadb.memtable.skiplist;

import io.proximadb.memtable.versions.MemtableState;
import io.proximadb.memtable.versions.SnapshotIterator;
import io.proximadb.memtable.versions.VersionChain;
import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableEntry;
import io.proximadb.spi.record.Ids;
import java.util.Iterator;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A memtable on the JDK's {@link ConcurrentSkipListMap}, ordered by {@link Ids#ORDER}: the
 * reference implementation the others are measured against.
 *
 * <p>Thread safety: lock-free throughout. The map is lock-free and keeps one {@link VersionChain}
 * per id, which is itself lock-free; a racing first put of the same id is resolved by
 * {@code putIfAbsent}, the loser appending to the winner's chain. Scans use the map's weakly
 * consistent iterator, which is exact for a snapshot because every id with a version at or before
 * the snapshot was inserted before the scan began (the engine only reads at fully-written
 * sequences), and later ids are filtered out by their sequences.
 */
public final class SkiplistMemtable implements Memtable {

    /**
     * A skip-list node and its share of index nodes; calibrated against the heap MemtableBenchmark
     * measures for 1M random ids.
     */
    private static final long BYTES_PER_ID = 64L;

    private final ConcurrentSkipListMap<String, VersionChain> chains = new ConcurrentSkipListMap<>(Ids.ORDER);
    private final MemtableState state = new MemtableState("skiplist");

    @Override
    public void put(MemtableEntry entry) {
        state.checkWritable(entry);
        VersionChain chain = chains.get(entry.id());
        if (chain == null) {
            VersionChain raced = chains.putIfAbsent(entry.id(), new VersionChain(entry));
            if (raced == null) {
                state.addedNewId(entry, BYTES_PER_ID);
                return;
            }
            chain = raced;
        }
        chain.add(entry);
        state.addedVersion(entry);
    }

    @Override
    public MemtableEntry get(String id, long atSequence) {
        VersionChain chain = chains.get(id);
        return chain == null ? null : chain.latestAtOrBefore(atSequence);
    }

    @Override
    public Iterator<MemtableEntry> scan(long atSequence) {
        return new SnapshotIterator(chains.values().iterator(), atSequence);
    }

    @Override
    public long idCount() {
        return state.ids();
    }

    @Override
    public long approximateBytes() {
        return state.bytes();
    }

    @Override
    public void freeze() {
        state.freeze();
    }

    @Override
    public boolean isFrozen() {
        return state.isFrozen();
    }
}
