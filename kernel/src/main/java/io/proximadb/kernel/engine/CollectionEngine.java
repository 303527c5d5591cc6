package io.proximadb.kernel.engine;

import io.proximadb.api.ChangeListener;
import io.proximadb.api.Collection;
import io.proximadb.api.CollectionInfo;
import io.proximadb.api.ProximaException;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.api.WriteBatch;
import io.proximadb.kernel.filter.Filter;
import io.proximadb.kernel.storage.CollectionStorage;
import io.proximadb.kernel.storage.LiveSegment;
import io.proximadb.kernel.storage.MemtableRows;
import io.proximadb.kernel.storage.Snapshot;
import io.proximadb.kernel.wal.WriteAheadLog;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.memtable.MemtableEntry;
import io.proximadb.spi.record.Ids;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.segment.Segment;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.wal.WalEntry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;

/**
 * One open collection: its log, its storage (memtables and segments) and the sequence number
 * readers read at.
 *
 * <p>Write path: validate everything (a bad write changes nothing), wait if flushes are behind,
 * then, holding the storage's write gate, append to the log (which assigns sequence numbers and
 * returns once the write is durable under the fsync policy) and apply the entries to the storage;
 * then publish the sequence so readers see the write. A crash before the log append returns loses
 * an unacknowledged write; after it, recovery replays it.
 *
 * <p>Read path: take a snapshot (the storage's version, then the published sequence) and read
 * it, so a search sees one consistent state however writers, flushes and merges interleave.
 * Thread-safe.
 */
final class CollectionEngine implements Collection {

    private final CollectionSpec spec;
    private final CollectionStorage storage;
    private final WriteAheadLog log;
    private final VisibleSequence visible;
    private final RecordValidator validator;
    private final SnapshotSearch search;
    /** An empty index of the collection's kind: it accepts or refuses search parameters. */
    private final VectorIndex parameterCheck;
    private final ChangeFeed changes;
    private final Clock clock;
    /** What this collection's searches look like, for the index plugin's next builds. */
    private final WorkloadRecorder workload;
    private volatile boolean dropped;
    /** Set when the database closes it; a handle kept past that fails at once instead of waiting on released storage. */
    private volatile boolean closed;

    CollectionEngine(CollectionSpec spec, CollectionStorage storage, WriteAheadLog log, VisibleSequence visible,
                     VectorIndex parameterCheck, VectorKernels kernels, Clock clock,
                     WorkloadRecorder workload) {
        this.parameterCheck = parameterCheck;
        this.spec = spec;
        this.storage = storage;
        this.log = log;
        this.visible = visible;
        this.changes = new ChangeFeed(spec.name(), visible);
        this.validator = new RecordValidator(spec);
        this.search = new SnapshotSearch(spec, kernels, workload);
        this.workload = workload;
        this.clock = clock;
    }

    @Override
    public String name() {
        return spec.name();
    }

    CollectionSpec spec() {
        return spec;
    }

    @Override
    public CollectionInfo describe() {
        checkOpen();
        long now = clock.millis();
        long live;
        long at;
        try (Snapshot snapshot = storage.snapshot()) {
            at = snapshot.sequence();
            long[] inMemtables = {0};
            for (MemtableRows rows : snapshot.version().memtableRows()) {
                rows.forEachLive(at, now, record -> inMemtables[0]++);
            }
            live = inMemtables[0];
            for (LiveSegment segment : snapshot.version().segments()) {
                live += liveInSegment(segment, at, now);
            }
        }
        return new CollectionInfo(spec, live, at, storage.stats(log.bytesWritten()));
    }

    private static long liveInSegment(LiveSegment live, long at, long now) {
        Segment segment = live.segment();
        if (!segment.hasExpiries()) {
            return live.liveCount(at);
        }
        long count = 0;
        for (int ordinal = 0; ordinal < segment.count(); ordinal++) {
            if (!live.isDeleted(ordinal, at) && !VectorRecord.isExpired(segment.expiresAt(ordinal), now)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void upsert(VectorRecord record) {
        write(new WriteBatch().upsert(record), false);
    }

    @Override
    public void upsert(VectorRecord record, Duration ttl) {
        write(new WriteBatch().upsert(record, ttl), false);
    }

    @Override
    public void upsert(List<VectorRecord> records) {
        WriteBatch batch = new WriteBatch();
        records.forEach(batch::upsert);
        write(batch);
    }

    @Override
    public void delete(String id) {
        write(new WriteBatch().delete(id), false);
    }

    @Override
    public void delete(List<String> ids) {
        WriteBatch batch = new WriteBatch();
        ids.forEach(batch::delete);
        write(batch);
    }

    @Override
    public long delete(Filter filter) {
        Objects.requireNonNull(filter, "filter");
        WriteBatch batch = new WriteBatch();
        forEachLive(record -> {
            if (filter.matches(record.metadata())) {
                batch.delete(record.id());
            }
        });
        write(batch);
        return batch.size();
    }

    @Override
    public void write(WriteBatch batch) {
        write(batch, true);
    }

    private void write(WriteBatch batch, boolean atomicGroup) {
        checkOpen();
        if (batch.size() == 0) {
            return;
        }
        List<WalEntry> entries = toEntries(batch);
        try {
            storage.awaitRoom();
            Lock gate = storage.writeGate();
            long last;
            gate.lock();
            try {
                List<WalEntry> logged;
                long first;
                if (atomicGroup && entries.size() > 1) {
                    logged = log.appendBatch(spec.name(), entries);
                    // The batch's begin and commit markers take the sequence numbers around its operations.
                    first = logged.getFirst().sequence() - 1;
                    last = logged.getLast().sequence() + 1;
                } else {
                    logged = log.append(entries);
                    first = logged.getFirst().sequence();
                    last = logged.getLast().sequence();
                }
                try {
                    logged.forEach(storage::apply);
                    changes.offer(logged);
                } finally {
                    // Completed even when applying threw: a gap in the published sequence would leave
                    // every later writer waiting for it for ever.
                    visible.complete(first, last);
                }
            } finally {
                gate.unlock();
            }
            visible.awaitPublished(last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProximaException.StorageFailure("interrupted while a write to '" + spec.name()
                    + "' became visible; it is durable", e);
        } catch (IOException e) {
            throw new ProximaException.StorageFailure("write to collection '" + spec.name() + "' failed: "
                    + e.getMessage(), e);
        }
        storage.maybeFlush();
    }

    private List<WalEntry> toEntries(WriteBatch batch) {
        long now = clock.millis();
        List<WalEntry> entries = new ArrayList<>(batch.size());
        for (WriteBatch.Operation operation : batch.operations()) {
            switch (operation) {
                case WriteBatch.Upsert upsert -> {
                    validator.checkRecord(upsert.record());
                    entries.add(new WalEntry.Upsert(0, spec.name(), withExpiry(upsert, now)));
                }
                case WriteBatch.Delete delete -> {
                    RecordValidator.checkId(delete.id());
                    entries.add(new WalEntry.Delete(0, spec.name(), delete.id()));
                }
            }
        }
        return entries;
    }

    private static VectorRecord withExpiry(WriteBatch.Upsert upsert, long now) {
        VectorRecord record = upsert.record();
        if (upsert.ttl() == null) {
            return record;
        }
        if (upsert.ttl().isNegative() || upsert.ttl().isZero()) {
            throw new ProximaException.InvalidArgument("ttl of record '" + record.id() + "' must be positive, got "
                    + upsert.ttl());
        }
        // The vector array is shared, not copied: the caller gave it to us with the record.
        return new VectorRecord(record.id(), record.vector(), record.metadata(), now + upsert.ttl().toMillis());
    }

    @Override
    public AutoCloseable watch(ChangeListener listener) {
        checkOpen();
        return changes.subscribe(Objects.requireNonNull(listener, "listener"), ChangeFeed.QUEUE_CAPACITY);
    }

    @Override
    public Optional<VectorRecord> get(String id) {
        checkOpen();
        RecordValidator.checkId(id);
        long now = clock.millis();
        try (Snapshot snapshot = storage.snapshot()) {
            MemtableEntry entry = MemtableView.get(snapshot.version().memtables(), id, snapshot.sequence());
            if (entry != null) {
                return entry.isTombstone() || entry.record().isExpiredAt(now) ? Optional.empty() : Optional.of(entry.record());
            }
            for (LiveSegment segment : snapshot.version().segments()) {
                int ordinal = segment.ordinalOf(id);
                if (ordinal >= 0 && !segment.isDeleted(ordinal, snapshot.sequence())) {
                    VectorRecord record = segment.segment().record(ordinal);
                    return record.isExpiredAt(now) ? Optional.empty() : Optional.of(record);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        checkOpen();
        validator.checkVector(request.vector(), "query vector");
        if (request.k() < 1 || request.k() > SearchRequest.MAX_K) {
            throw new ProximaException.InvalidArgument("k must be between 1 and " + SearchRequest.MAX_K + ", got "
                    + request.k());
        }
        try (Snapshot snapshot = storage.snapshot()) {
            if (!request.params().isEmpty()) {
                parameterCheck.search(request.vector(), request.k(), null, request.params());
            }
            workload.search(request.k(), request.filter() != null);
            return search.search(snapshot, clock.millis(), request);
        } catch (IllegalArgumentException e) {
            // The index refused a per-query parameter.
            throw new ProximaException.InvalidArgument(e.getMessage());
        }
    }

    @Override
    public void flush() {
        checkOpen();
        try {
            storage.flush();
        } catch (IOException e) {
            throw new ProximaException.StorageFailure("flush of collection '" + spec.name() + "' failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void compact() {
        checkOpen();
        try {
            storage.compact();
        } catch (IOException e) {
            throw new ProximaException.StorageFailure("merge in collection '" + spec.name() + "' failed: "
                    + e.getMessage(), e);
        }
    }

    /** Every live, unexpired record in id order, as of now; for tools and tests that check whole contents. */
    void forEachLive(Consumer<VectorRecord> action) {
        checkOpen();
        long now = clock.millis();
        List<VectorRecord> records = new ArrayList<>();
        try (Snapshot snapshot = storage.snapshot()) {
            long at = snapshot.sequence();
            MemtableView.forEachLive(snapshot.version().memtables(), at, now, records::add);
            for (LiveSegment live : snapshot.version().segments()) {
                for (int ordinal = 0; ordinal < live.segment().count(); ordinal++) {
                    if (!live.isDeleted(ordinal, at)) {
                        VectorRecord record = live.segment().record(ordinal);
                        if (!record.isExpiredAt(now)) {
                            records.add(record);
                        }
                    }
                }
            }
        }
        records.sort(Comparator.comparing(VectorRecord::id, Ids.ORDER));
        records.forEach(action);
    }

    private void checkOpen() {
        if (dropped) {
            throw new ProximaException.CollectionNotFound(spec.name());
        }
        if (closed) {
            throw new IllegalStateException("collection '" + spec.name() + "' is closed: its database was closed");
        }
    }

    /** Marks the collection dropped and closes it; later calls fail as for an unknown collection. */
    void closeForDrop() throws IOException {
        dropped = true;
        close();
    }

    void close() throws IOException {
        closed = true;
        changes.close("the collection was closed or dropped");
        try {
            parameterCheck.close();
            storage.close();
        } finally {
            log.close();
        }
    }
}
