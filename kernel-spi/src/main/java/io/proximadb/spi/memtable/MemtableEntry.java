package io.proximadb.spi.memtable;

import io.proximadb.spi.record.VectorRecord;
import java.util.Objects;

/**
 * One version of one id in a memtable: an upsert (with its record) or a delete (a tombstone).
 *
 * @param id       the record id
 * @param sequence the log sequence number of the write; unique within a memtable
 * @param record   the record written, or {@code null} for a tombstone
 */
public record MemtableEntry(String id, long sequence, VectorRecord record) {

    public MemtableEntry {
        Objects.requireNonNull(id, "id");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
        }
        if (record != null && !record.id().equals(id)) {
            throw new IllegalArgumentException("entry id '" + id + "' differs from record id '" + record.id() + "'");
        }
    }

    public static MemtableEntry upsert(long sequence, VectorRecord record) {
        return new MemtableEntry(record.id(), sequence, record);
    }

    public static MemtableEntry tombstone(long sequence, String id) {
        return new MemtableEntry(id, sequence, null);
    }

    public boolean isTombstone() {
        return record == null;
    }

    /**
     * Approximate heap bytes of the entry itself (id, record, vector, metadata), excluding the
     * memtable's own node overhead, which each memtable adds from its own layout.
     */
    public long estimatedBytes() {
        return 32L + (record == null ? 40L + 2L * id.length() : record.estimatedBytes());
    }
}
