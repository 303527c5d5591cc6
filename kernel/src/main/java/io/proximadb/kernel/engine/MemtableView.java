package io.proximadb.kernel.engine;

import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableEntry;
import io.proximadb.spi.record.Ids;
import io.proximadb.spi.record.VectorRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Several memtables read as one at a sequence number: for every id, its newest version in the
 * newest memtable that has one. Memtables hold disjoint, increasing sequence ranges (the active
 * one the newest), so the first memtable in which an id appears holds its newest version.
 */
final class MemtableView {

    private MemtableView() {
    }

    /** The newest visible version of {@code id}, tombstones included, or {@code null}. */
    static MemtableEntry get(List<Memtable> newestFirst, String id, long atSequence) {
        for (Memtable memtable : newestFirst) {
            MemtableEntry entry = memtable.get(id, atSequence);
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }

    /** Every id's newest visible version that is a live, unexpired record, in id order. */
    static void forEachLive(List<Memtable> newestFirst, long atSequence, long nowMillis, Consumer<VectorRecord> action) {
        for (Iterator<MemtableEntry> it = scan(newestFirst, atSequence); it.hasNext(); ) {
            MemtableEntry entry = it.next();
            if (!entry.isTombstone() && !entry.record().isExpiredAt(nowMillis)) {
                action.accept(entry.record());
            }
        }
    }

    /** Every id's newest visible version, tombstones included, in id order. */
    static Iterator<MemtableEntry> scan(List<Memtable> newestFirst, long atSequence) {
        if (newestFirst.size() == 1) {
            return newestFirst.getFirst().scan(atSequence);
        }
        return new Merged(newestFirst, atSequence);
    }

    private static final class Merged implements Iterator<MemtableEntry> {

        private record Head(int age, MemtableEntry entry, Iterator<MemtableEntry> rest) {
        }

        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> {
            int byId = Ids.compare(a.entry().id(), b.entry().id());
            return byId != 0 ? byId : Integer.compare(a.age(), b.age());
        });

        Merged(List<Memtable> newestFirst, long atSequence) {
            List<Memtable> memtables = new ArrayList<>(newestFirst);
            for (int age = 0; age < memtables.size(); age++) {
                push(age, memtables.get(age).scan(atSequence));
            }
        }

        private void push(int age, Iterator<MemtableEntry> iterator) {
            if (iterator.hasNext()) {
                heads.add(new Head(age, iterator.next(), iterator));
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public MemtableEntry next() {
            Head newest = heads.poll();
            if (newest == null) {
                throw new NoSuchElementException();
            }
            push(newest.age(), newest.rest());
            // Older versions of the same id in older memtables are shadowed: skip them.
            while (!heads.isEmpty() && heads.peek().entry().id().equals(newest.entry().id())) {
                Head shadowed = heads.poll();
                push(shadowed.age(), shadowed.rest());
            }
            return newest.entry();
        }
    }
}
