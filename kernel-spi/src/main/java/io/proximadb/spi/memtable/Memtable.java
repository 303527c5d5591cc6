package io.proximadb.spi.memtable;

import java.util.Iterator;

/**
 * An in-memory, multi-version map from record id to its versions, the first stop of every write.
 *
 * <h2>Versions and snapshots</h2>
 * Every {@link #put} adds a version tagged with its log sequence number; nothing is overwritten. A
 * reader reads "as of" a sequence number {@code s}: it sees, for each id, the version with the
 * largest sequence {@code <= s}, and nothing newer. The engine only reads at sequence numbers all
 * of whose writes have been put, so a read at {@code s} sees exactly the writes up to {@code s}
 * (MVCC), however writers and readers interleave.
 *
 * <h2>Thread safety</h2>
 * Any number of threads may call {@link #put}, {@link #get} and {@link #scan} concurrently.
 * Iterators are used by one thread. {@link #freeze} is called once, after the last put has
 * returned; puts after it throw {@link IllegalStateException}.
 *
 * <h2>Ownership</h2>
 * Entries (and the vectors inside them) are immutable and shared: the memtable keeps references to
 * what it is given and hands the same instances back. Nobody may mutate them.
 *
 * <h2>Accounting</h2>
 * {@link #approximateBytes()} estimates the heap held by all versions including the structure's
 * own nodes; it drives the flush threshold, so it must grow with every put and be within a small
 * factor of the truth.
 */
public interface Memtable {

    /**
     * Adds one version. Sequence numbers are unique within a memtable but may arrive out of order
     * from concurrent writers.
     *
     * @throws IllegalStateException if the memtable is frozen
     */
    void put(MemtableEntry entry);

    /**
     * The newest version of {@code id} with sequence {@code <= atSequence}, tombstones included, or
     * {@code null} if there is none.
     */
    MemtableEntry get(String id, long atSequence);

    /**
     * For every id, in {@link io.proximadb.spi.record.Ids#ORDER}, its newest version with sequence
     * {@code <= atSequence}; tombstones are included so that a flush can carry deletes down.
     */
    Iterator<MemtableEntry> scan(long atSequence);

    /** The number of distinct ids held (tombstoned ones included). */
    long idCount();

    /** Approximate heap bytes held, including the structure's own overhead. */
    long approximateBytes();

    /**
     * Makes the memtable read-only; it is about to be flushed. Implementations may reorganise
     * themselves here (a hash table sorts its keys).
     */
    void freeze();

    /** Whether {@link #freeze} has been called. */
    boolean isFrozen();
}
