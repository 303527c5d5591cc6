package io.proximadb.kernel.storage;

import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableEntry;
import io.proximadb.spi.record.VectorRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** What a flush reads from memtables: the records to write, and the writes that supersede them. */
final class NewerWrites {

    private NewerWrites() {
    }

    /** The newest version of every id that is a live, unexpired record, in id order. */
    static Iterator<VectorRecord> newestLive(Memtable memtable, long nowMillis) {
        Iterator<MemtableEntry> entries = memtable.scan(Long.MAX_VALUE);
        return new Iterator<>() {
            private VectorRecord next = advance();

            private VectorRecord advance() {
                while (entries.hasNext()) {
                    MemtableEntry entry = entries.next();
                    if (!entry.isTombstone() && !entry.record().isExpiredAt(nowMillis)) {
                        return entry.record();
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public VectorRecord next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                VectorRecord result = next;
                next = advance();
                return result;
            }
        };
    }

    /**
     * Hides the new segment's records that writes after the flushed memtable superseded: those
     * writes found no copy in the segments when they were applied, because the segment did not
     * exist yet. The deletion sequence is the id's oldest version in the newer memtables.
     */
    static void hideSuperseded(LiveSegment segment, Version version, long flushedUpTo) {
        List<Memtable> newer = new ArrayList<>();
        newer.add(version.active());
        for (FrozenMemtable frozen : version.frozen()) {
            if (frozen.lastSequence() > flushedUpTo) {
                newer.add(frozen.memtable());
            }
        }
        for (Memtable memtable : newer) {
            for (Iterator<MemtableEntry> it = memtable.scan(Long.MAX_VALUE); it.hasNext(); ) {
                MemtableEntry entry = it.next();
                int ordinal = segment.ordinalOf(entry.id());
                if (ordinal >= 0) {
                    segment.markDeleted(ordinal, oldestSequence(memtable, entry));
                }
            }
        }
    }

    private static long oldestSequence(Memtable memtable, MemtableEntry newest) {
        long oldest = newest.sequence();
        for (MemtableEntry older = memtable.get(newest.id(), oldest - 1); older != null;
             older = memtable.get(newest.id(), oldest - 1)) {
            oldest = older.sequence();
        }
        return oldest;
    }
}
