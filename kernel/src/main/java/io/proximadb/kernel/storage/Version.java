package io.proximadb.kernel.storage;

import io.proximadb.spi.memtable.Memtable;
import java.util.ArrayList;
import java.util.List;

/**
 * One immutable state of a collection's storage: the active memtable, the frozen ones waiting for
 * their flush (newest first), each with its {@link MemtableRows} for searches, and the segments. Changes (a memtable swap, a flush, a merge) install
 * a new version; readers keep the one they took.
 *
 * <p>Reference-counted: the storage holds one reference to its current version and each
 * {@link Snapshot} one more. A version holds a reference to each of its segments, dropped when the
 * version's last reference goes.
 */
public final class Version {

    private final Memtable active;
    private final MemtableRows activeRows;
    private final List<FrozenMemtable> frozen;
    private final List<LiveSegment> segments;
    private int references = 1;

    /** A new version; it takes a reference to each segment (which the caller's version still holds). */
    Version(Memtable active, MemtableRows activeRows, List<FrozenMemtable> frozen, List<LiveSegment> segments) {
        this.active = active;
        this.activeRows = activeRows;
        this.frozen = List.copyOf(frozen);
        this.segments = List.copyOf(segments);
        for (LiveSegment segment : this.segments) {
            if (!segment.tryRetain()) {
                throw new IllegalStateException("segment " + segment.name() + " was released while still in use");
            }
        }
    }

    /** Adopts segments just opened: each one's first reference passes to this version. */
    static Version adopting(Memtable active, List<FrozenMemtable> frozen, List<LiveSegment> segments) {
        Version version = new Version(active, new MemtableRows(), frozen, segments);
        segments.forEach(LiveSegment::release);
        return version;
    }

    public Memtable active() {
        return active;
    }

    /** The active memtable's rows, for searches. */
    public MemtableRows activeRows() {
        return activeRows;
    }

    public List<FrozenMemtable> frozen() {
        return frozen;
    }

    public List<LiveSegment> segments() {
        return segments;
    }

    /** Every memtable, newest first: the active one, then the frozen ones. */
    public List<Memtable> memtables() {
        List<Memtable> all = new ArrayList<>(frozen.size() + 1);
        all.add(active);
        frozen.forEach(f -> all.add(f.memtable()));
        return all;
    }

    /** Every memtable's rows, newest first, as {@link #memtables()}. */
    public List<MemtableRows> memtableRows() {
        List<MemtableRows> all = new ArrayList<>(frozen.size() + 1);
        all.add(activeRows);
        frozen.forEach(f -> all.add(f.rows()));
        return all;
    }

    synchronized boolean tryRetain() {
        if (references == 0) {
            return false;
        }
        references++;
        return true;
    }

    void release() {
        boolean last;
        synchronized (this) {
            last = --references == 0;
        }
        if (last) {
            segments.forEach(LiveSegment::release);
        }
    }
}
