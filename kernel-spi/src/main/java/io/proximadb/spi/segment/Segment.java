package io.proximadb.spi.segment;

import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.Map;

/**
 * An open, immutable segment: {@link #count()} records with ordinals {@code 0..count()-1} in
 * increasing id order. Deletions are not the segment's business: they live in deletion files and
 * in the engine's memory.
 *
 * <p>Thread safety: every method may be called by any number of threads at once, until
 * {@link #close()}; after it, nothing may be called and no segment returned by {@link #vectors()}
 * may be touched (the engine reference-counts segments to guarantee this).
 */
public interface Segment extends AutoCloseable {

    /** The path the segment was opened from. */
    String path();

    int count();

    int dimension();

    /** The file's size in bytes. */
    long sizeBytes();

    /**
     * The vector column in place: {@code count() * dimension()} float32 values, little-endian,
     * ordinal-major, starting 64-byte aligned. Read-only; for a local file it is memory-mapped,
     * not copied.
     */
    MemorySegment vectors();

    /** The vectors as {@link VectorValues}, for building indexes; each call of {@code vector} copies one out. */
    VectorValues vectorValues();

    /** The id at {@code ordinal}. */
    String id(int ordinal);

    /** The ordinal of {@code id}, or {@code -1} if the segment does not hold it. */
    int ordinalOf(String id);

    /** The metadata of the record at {@code ordinal} (empty if it has none). */
    Value.Obj metadata(int ordinal);

    /** The expiry of the record at {@code ordinal} in epoch milliseconds, or {@link VectorRecord#NEVER_EXPIRES}. */
    long expiresAt(int ordinal);

    /** Whether any record of the segment has an expiry, so that readers can skip checking. */
    boolean hasExpiries();

    /** The whole record at {@code ordinal}, its vector copied to the heap. */
    VectorRecord record(int ordinal);

    /** Statistics of each top-level metadata field, by name. */
    Map<String, FieldStats> fieldStats();

    /**
     * The ordinals whose top-level {@code field} equals {@code value} (numbers compare by value,
     * so {@code 3} equals {@code 3.0}; an array field matches if one of its elements is equal),
     * answered from an index, or {@code null} if this segment has no index that answers it; the
     * caller then evaluates the filter record by record.
     */
    BitSet equalTo(String field, Value value);

    /**
     * The ordinals whose numeric top-level {@code field} lies between the bounds, answered from
     * the sorted numeric layout, or {@code null} if the field has none (not numeric, or mixed).
     * A {@code null} bound is open; bounds are {@link Value.Int} or {@link Value.Real}.
     */
    BitSet range(String field, Value lower, boolean lowerInclusive, Value upper, boolean upperInclusive);

    /** Unmaps and releases the segment; idempotent. */
    @Override
    void close();
}
