package io.proximadb.memtable.versions;

import io.proximadb.spi.memtable.MemtableEntry;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bookkeeping every memtable shares: the frozen flag, the id count and the byte estimate.
 *
 * <p>Thread safety: all methods may be called concurrently. Counters are {@link LongAdder}s because
 * every put bumps them and writers would otherwise contend on one cache line; their sums are exact
 * once writers are quiet, which is when the engine reads them for a flush decision.
 */
public final class MemtableState {

    private final String kind;
    private final LongAdder bytes = new LongAdder();
    private final LongAdder ids = new LongAdder();
    private volatile boolean frozen;

    /** @param kind the memtable's name, for error messages */
    public MemtableState(String kind) {
        this.kind = kind;
    }

    /** @throws IllegalStateException once {@link #freeze()} has been called */
    public void checkWritable(MemtableEntry entry) {
        if (frozen) {
            throw new IllegalStateException("the " + kind + " memtable is frozen (it is being flushed); put of id '"
                    + entry.id() + "' at sequence " + entry.sequence() + " must go to the next memtable");
        }
    }

    /** Accounts a version that created a new id, with the structure's own per-id overhead. */
    public void addedNewId(MemtableEntry entry, long structureBytes) {
        ids.increment();
        bytes.add(entry.estimatedBytes() + structureBytes + VersionChain.BYTES_PER_CHAIN + VersionChain.BYTES_PER_VERSION);
    }

    /** Accounts a version of an id that was already held. */
    public void addedVersion(MemtableEntry entry) {
        bytes.add(entry.estimatedBytes() + VersionChain.BYTES_PER_VERSION);
    }

    public long ids() {
        return ids.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    public void freeze() {
        frozen = true;
    }

    public boolean isFrozen() {
        return frozen;
    }
}
