package io.proximadb.spi.wal;

import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.record.VectorRecord;
import java.util.Objects;

/**
 * One logical record of a write-ahead log. Every entry carries its sequence number; the framing
 * around it (length, type, checksum, blocks) belongs to the kernel, the bytes of the entry itself
 * to a {@link WalCodec}.
 *
 * <p>A batch is logged as {@link BatchBegin}, its upserts and deletes, then {@link BatchCommit};
 * recovery applies the batch only if its commit is present, which makes batches atomic.
 */
public sealed interface WalEntry {

    long sequence();

    /** The collection this entry belongs to. */
    String collection();

    /** The same entry under another sequence number; the log assigns numbers as it appends. */
    WalEntry withSequence(long sequence);

    record Upsert(long sequence, String collection, VectorRecord record) implements WalEntry {
        public Upsert {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(record, "record");
        }

        @Override
        public Upsert withSequence(long sequence) {
            return new Upsert(sequence, collection, record);
        }
    }

    record Delete(long sequence, String collection, String id) implements WalEntry {
        public Delete {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(id, "id");
        }

        @Override
        public Delete withSequence(long sequence) {
            return new Delete(sequence, collection, id);
        }
    }

    /** Opens a batch of {@code size} operations which follow this entry. */
    record BatchBegin(long sequence, String collection, int size) implements WalEntry {
        public BatchBegin {
            Objects.requireNonNull(collection, "collection");
            if (size < 0) {
                throw new IllegalArgumentException("batch size must be >= 0, got " + size);
            }
        }

        @Override
        public BatchBegin withSequence(long sequence) {
            return new BatchBegin(sequence, collection, size);
        }
    }

    /** Closes the batch opened at {@code beginSequence}; its presence makes the batch visible. */
    record BatchCommit(long sequence, String collection, long beginSequence) implements WalEntry {
        public BatchCommit {
            Objects.requireNonNull(collection, "collection");
        }

        @Override
        public BatchCommit withSequence(long sequence) {
            return new BatchCommit(sequence, collection, beginSequence);
        }
    }

    record CreateCollection(long sequence, CollectionSpec spec) implements WalEntry {
        public CreateCollection {
            Objects.requireNonNull(spec, "spec");
        }

        @Override
        public CreateCollection withSequence(long sequence) {
            return new CreateCollection(sequence, spec);
        }

        @Override
        public String collection() {
            return spec.name();
        }
    }

    record DropCollection(long sequence, String collection) implements WalEntry {
        public DropCollection {
            Objects.requireNonNull(collection, "collection");
        }

        @Override
        public DropCollection withSequence(long sequence) {
            return new DropCollection(sequence, collection);
        }
    }
}
