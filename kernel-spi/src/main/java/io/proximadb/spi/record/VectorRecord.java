package io.proximadb.spi.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * One stored record: an id, a vector, metadata and an optional expiry.
 *
 * <p>The vector array is owned by the record once constructed: callers must not modify it
 * afterwards, and readers must not modify what {@link #vector()} returns. Records are checked for
 * shape here only loosely (non-null parts); the engine validates ids, dimensions and values
 * against the collection before anything is logged.
 *
 * @param id              the record's identity within its collection
 * @param vector          the float32 vector, of the collection's dimension
 * @param metadata        the metadata object, {@link Value.Obj#EMPTY} when there is none
 * @param expiresAtMillis epoch milliseconds after which the record is never returned, or
 *                        {@link #NEVER_EXPIRES}
 */
public record VectorRecord(String id, float[] vector, Value.Obj metadata, long expiresAtMillis) {

    public static final long NEVER_EXPIRES = 0L;

    public VectorRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(metadata, "metadata");
        if (expiresAtMillis < 0) {
            throw new IllegalArgumentException("expiresAtMillis must be >= 0, got " + expiresAtMillis);
        }
    }

    public VectorRecord(String id, float[] vector) {
        this(id, vector, Value.Obj.EMPTY, NEVER_EXPIRES);
    }

    public VectorRecord(String id, float[] vector, Value.Obj metadata) {
        this(id, vector, metadata, NEVER_EXPIRES);
    }

    /** Whether the record has expired at the given wall-clock time. */
    public boolean isExpiredAt(long nowMillis) {
        return isExpired(expiresAtMillis, nowMillis);
    }

    /** Whether an expiry ({@link #NEVER_EXPIRES} or epoch milliseconds) has passed at {@code nowMillis}. */
    public static boolean isExpired(long expiresAtMillis, long nowMillis) {
        return expiresAtMillis != NEVER_EXPIRES && nowMillis >= expiresAtMillis;
    }

    /** Approximate heap bytes of this record, used for memtable accounting. */
    public long estimatedBytes() {
        return 64L + 2L * id.length() + 16L + 4L * vector.length + metadata.estimatedBytes();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VectorRecord that
                && id.equals(that.id)
                && Arrays.equals(vector, that.vector)
                && metadata.equals(that.metadata)
                && expiresAtMillis == that.expiresAtMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, Arrays.hashCode(vector), metadata, expiresAtMillis);
    }

    @Override
    public String toString() {
        return "VectorRecord[id=" + id + ", dim=" + vector.length + ", metadata=" + metadata
                + (expiresAtMillis == NEVER_EXPIRES ? "" : ", expiresAt=" + expiresAtMillis) + "]";
    }
}
