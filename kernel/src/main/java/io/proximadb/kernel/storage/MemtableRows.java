package io.proximadb.kernel.storage;

import io.proximadb.spi.record.VectorRecord;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A memtable's writes in the order they were applied, kept beside the memtable for searches: every
 * search reads all of a memtable's live records, and an ordered map walked in id order, version
 * chains and all, costs several times what scoring the vector does. Here a search reads flat arrays.
 *
 * <p>Each row is one version of an id (a record, or a tombstone) with its sequence number and the
 * sequence at which a newer version replaced it ({@link Long#MAX_VALUE} while none has). A row is
 * visible at sequence {@code S} when it was written at or before {@code S} and not replaced at or
 * before {@code S}. Writers may apply their entries out of sequence order (they log under a shared
 * gate), so adding a version lowers the replacement sequence of every older version of its id and
 * takes, as its own, the lowest sequence among the newer ones already here. A write to a newer
 * memtable replaces the id's rows here through {@link #supersede}.
 *
 * <p>Thread-safety: writers serialise on this object; readers take no lock. Rows are published by
 * the volatile row count, written after the row, and replacement sequences only ever fall, by
 * volatile stores. A reader at {@code S} sees every replacement at or below {@code S}, because the
 * storage makes {@code S} visible only after every write at or below it was applied.
 */
public final class MemtableRows {

    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** Where an id's versions are, by row number; usually one. */
    private static final class Versions {
        int[] rows = new int[1];
        int count;

        void add(int row) {
            if (count == rows.length) {
                rows = Arrays.copyOf(rows, count * 2);
            }
            rows[count++] = row;
        }
    }

    private final Map<String, Versions> byId = new HashMap<>();
    private volatile VectorRecord[][] records = new VectorRecord[0][];
    private volatile long[][] sequences = new long[0][];
    private volatile long[][] replacedAt = new long[0][];
    private volatile int size;

    /** Adds the record written at {@code sequence}. */
    public void upsert(VectorRecord record, long sequence) {
        add(record.id(), record, sequence);
    }

    /** Adds the deletion of {@code id} at {@code sequence}. */
    public void delete(String id, long sequence) {
        add(id, null, sequence);
    }

    /** A write at {@code sequence} to a newer memtable replaced {@code id}'s versions here. */
    public synchronized void supersede(String id, long sequence) {
        Versions versions = byId.get(id);
        if (versions != null) {
            for (int i = 0; i < versions.count; i++) {
                lowerReplacement(versions.rows[i], sequence);
            }
        }
    }

    private synchronized void add(String id, VectorRecord record, long sequence) {
        int row = size;
        if ((row & (CHUNK - 1)) == 0) {
            grow();
        }
        long replaced = Long.MAX_VALUE;
        Versions versions = byId.computeIfAbsent(id, ignored -> new Versions());
        for (int i = 0; i < versions.count; i++) {
            int older = versions.rows[i];
            long olderSequence = sequenceOf(older);
            if (olderSequence < sequence) {
                lowerReplacement(older, sequence);
            } else {
                replaced = Math.min(replaced, olderSequence);
            }
        }
        versions.add(row);
        int chunk = row >>> CHUNK_BITS;
        int slot = row & (CHUNK - 1);
        records[chunk][slot] = record;
        sequences[chunk][slot] = sequence;
        SLOT.setVolatile(replacedAt[chunk], slot, replaced);
        size = row + 1; // publishes the row
    }

    private void grow() {
        int chunks = records.length;
        VectorRecord[][] moreRecords = Arrays.copyOf(records, chunks + 1);
        long[][] moreSequences = Arrays.copyOf(sequences, chunks + 1);
        long[][] moreReplacedAt = Arrays.copyOf(replacedAt, chunks + 1);
        moreRecords[chunks] = new VectorRecord[CHUNK];
        moreSequences[chunks] = new long[CHUNK];
        moreReplacedAt[chunks] = new long[CHUNK];
        // Chunks are shared, never copied, so a replacement set in one is never lost to a resize.
        records = moreRecords;
        sequences = moreSequences;
        replacedAt = moreReplacedAt;
    }

    private long sequenceOf(int row) {
        return sequences[row >>> CHUNK_BITS][row & (CHUNK - 1)];
    }

    /** Called under the monitor, so a read then a store is enough; the store is volatile for readers. */
    private void lowerReplacement(int row, long sequence) {
        long[] chunk = replacedAt[row >>> CHUNK_BITS];
        int slot = row & (CHUNK - 1);
        if (sequence < (long) SLOT.getVolatile(chunk, slot)) {
            SLOT.setVolatile(chunk, slot, sequence);
        }
    }

    /** Hands {@code action} every record visible at {@code atSequence} that has not expired by {@code nowMillis}. */
    public void forEachLive(long atSequence, long nowMillis, Consumer<VectorRecord> action) {
        int rows = size; // read first: the arrays read next are at least as large
        VectorRecord[][] recordChunks = records;
        long[][] sequenceChunks = sequences;
        long[][] replacedChunks = replacedAt;
        for (int chunk = 0; chunk * CHUNK < rows; chunk++) {
            VectorRecord[] chunkRecords = recordChunks[chunk];
            long[] chunkSequences = sequenceChunks[chunk];
            long[] chunkReplaced = replacedChunks[chunk];
            int end = Math.min(CHUNK, rows - chunk * CHUNK);
            for (int slot = 0; slot < end; slot++) {
                VectorRecord record = chunkRecords[slot];
                if (record != null && chunkSequences[slot] <= atSequence
                        && (long) SLOT.getVolatile(chunkReplaced, slot) > atSequence
                        && !record.isExpiredAt(nowMillis)) {
                    action.accept(record);
                }
            }
        }
    }

    /** Rows held, every version and deletion counted. */
    public int size() {
        return size;
    }
}
