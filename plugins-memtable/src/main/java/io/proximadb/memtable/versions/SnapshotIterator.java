package io.proximadb.memtable.versions;

import io.proximadb.spi.memtable.MemtableEntry;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Turns an iterator of version chains in id order into the entries visible at one sequence number,
 * skipping ids that have no version at or before it (ids written after the snapshot).
 *
 * <p>Thread safety: used by one thread, like every memtable iterator; the chains it reads may be
 * appended to concurrently.
 */
public final class SnapshotIterator implements Iterator<MemtableEntry> {

    private final Iterator<VersionChain> chains;
    private final long atSequence;
    private MemtableEntry next;

    public SnapshotIterator(Iterator<VersionChain> chains, long atSequence) {
        this.chains = chains;
        this.atSequence = atSequence;
    }

    @Override
    public boolean hasNext() {
        while (next == null && chains.hasNext()) {
            next = chains.next().latestAtOrBefore(atSequence);
        }
        return next != null;
    }

    @Override
    public MemtableEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        MemtableEntry result = next;
        next = null;
        return result;
    }
}
