package io.proximadb.api;

import io.proximadb.spi.record.VectorRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Upserts and deletes to apply together, atomically, in the order added. Not thread-safe: build it
 * on one thread, then hand it to {@link Collection#write}.
 */
public final class WriteBatch {

    /** One operation of a batch: an upsert (with an optional time to live) or a delete. */
    public sealed interface Operation {
        String id();
    }

    public record Upsert(VectorRecord record, Duration ttl) implements Operation {
        public Upsert {
            Objects.requireNonNull(record, "record");
        }

        @Override
        public String id() {
            return record.id();
        }
    }

    public record Delete(String id) implements Operation {
        public Delete {
            Objects.requireNonNull(id, "id");
        }
    }

    private final List<Operation> operations = new ArrayList<>();

    public WriteBatch upsert(VectorRecord record) {
        operations.add(new Upsert(record, null));
        return this;
    }

    public WriteBatch upsert(VectorRecord record, Duration ttl) {
        operations.add(new Upsert(record, Objects.requireNonNull(ttl, "ttl")));
        return this;
    }

    public WriteBatch delete(String id) {
        operations.add(new Delete(id));
        return this;
    }

    public List<Operation> operations() {
        return Collections.unmodifiableList(operations);
    }

    public int size() {
        return operations.size();
    }
}
