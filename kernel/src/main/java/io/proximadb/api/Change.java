package io.proximadb.api;

import io.proximadb.spi.record.VectorRecord;
import java.util.Objects;

/**
 * One acknowledged write to a collection, as its change feed delivers it.
 *
 * @param sequence the write's position in the collection's log; strictly increasing along a feed
 * @param kind     an upsert or a delete
 * @param id       the record's id
 * @param record   the record written (with its expiry), or {@code null} for a delete
 */
public record Change(long sequence, Kind kind, String id, VectorRecord record) {

    public enum Kind { UPSERT, DELETE }

    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if ((kind == Kind.UPSERT) != (record != null)) {
            throw new IllegalArgumentException("an upsert carries its record, a delete none");
        }
    }
}
