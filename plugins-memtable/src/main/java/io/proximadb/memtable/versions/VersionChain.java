package io.proximadb.memtable.versions;

import io.proximadb.spi.memtable.MemtableEntry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The versions of one id, sorted by sequence number: the leaf payload of every memtable.
 *
 * <p>Thread safety: any number of threads may {@link #add} and read concurrently, without locks.
 * The versions live in an immutable array that {@link #add} replaces by compare-and-set, so a
 * reader always sees a complete, sorted array, and concurrent writers arriving out of sequence
 * order simply retry. Copying on every add is quadratic in the versions of one id, but an id is
 * rarely rewritten more than a handful of times before a flush, and the array keeps reads to one
 * volatile load and a short search with no allocation.
 */
public final class VersionChain {

    /** Heap estimate of a chain with its array header, excluding the versions' slots. */
    public static final long BYTES_PER_CHAIN = 40L;

    /** Heap estimate of one version's slot in the array (a reference, rounded up). */
    public static final long BYTES_PER_VERSION = 8L;

    private static final int LINEAR_SEARCH_LIMIT = 8;
    private static final VarHandle VERSIONS;

    static {
        try {
            VERSIONS = MethodHandles.lookup().findVarHandle(VersionChain.class, "versions", MemtableEntry[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String id;
    @SuppressWarnings("unused") // accessed through VERSIONS
    private volatile MemtableEntry[] versions;

    public VersionChain(MemtableEntry first) {
        this.id = first.id();
        this.versions = new MemtableEntry[] {first};
    }

    public String id() {
        return id;
    }

    /**
     * Adds a version in sequence order.
     *
     * @throws IllegalArgumentException if the entry belongs to another id or its sequence is
     *                                  already present (sequences are unique within a memtable)
     */
    public void add(MemtableEntry entry) {
        if (!entry.id().equals(id)) {
            throw new IllegalArgumentException("entry for id '" + entry.id() + "' added to the versions of '" + id + "'");
        }
        long sequence = entry.sequence();
        while (true) {
            MemtableEntry[] current = versions;
            int position = insertionPoint(current, sequence);
            MemtableEntry[] next = new MemtableEntry[current.length + 1];
            System.arraycopy(current, 0, next, 0, position);
            next[position] = entry;
            System.arraycopy(current, position, next, position + 1, current.length - position);
            if (VERSIONS.compareAndSet(this, current, next)) {
                return;
            }
        }
    }

    /** The newest version with sequence {@code <= atSequence}, or {@code null}. */
    public MemtableEntry latestAtOrBefore(long atSequence) {
        MemtableEntry[] current = versions;
        int last = current.length - 1;
        if (current[last].sequence() <= atSequence) {
            return current[last]; // the common case: a read at or after the newest write
        }
        if (current.length <= LINEAR_SEARCH_LIMIT) {
            for (int i = last - 1; i >= 0; i--) {
                if (current[i].sequence() <= atSequence) {
                    return current[i];
                }
            }
            return null;
        }
        int low = 0;
        int high = last; // invariant: every index >= high has sequence > atSequence
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (current[mid].sequence() <= atSequence) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low == 0 ? null : current[low - 1];
    }

    /** The number of versions held. */
    public int size() {
        return versions.length;
    }

    private int insertionPoint(MemtableEntry[] current, long sequence) {
        int position = current.length;
        // Writers usually arrive nearly in order: walk back from the end.
        while (position > 0 && current[position - 1].sequence() > sequence) {
            position--;
        }
        if (position > 0 && current[position - 1].sequence() == sequence) {
            throw new IllegalArgumentException("sequence " + sequence + " is already present for id '" + id
                    + "'; sequence numbers must be unique within a memtable");
        }
        return position;
    }
}
