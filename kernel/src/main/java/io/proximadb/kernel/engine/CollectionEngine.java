package io.proximadb.kernel.engine;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionInfo;
import io.proximadb.api.ProximaException;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.api.WriteBatch;
import io.proximadb.kernel.wal.WriteAheadLog;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableEntry;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.wal.WalEntry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One open collection: its log, its memtable and the sequence number readers read at.
 *
 * <p>Write path: validate everything (a bad write changes nothing), append to the log (which
 * assigns sequence numbers and returns once the write is durable under the fsync policy), put the
 * versions into the memtable, then publish the sequence so readers see the write. A crash before
 * the log append returns loses an unacknowledged write; after it, recovery replays it.
 *
 * <p>Read path: take the published sequence once, then read the memtable as of it, so a search
 * sees one consistent state however writers interleave. Thread-safe.
 */
final class CollectionEngine implements Collection {

    private final CollectionSpec spec;
    private final Memtable memtable;
    private final WriteAheadLog log;
    private final VisibleSequence visible;
    private final RecordValidator validator;
    private final MemtableSearch search;
    private final Clock clock;
    private volatile boolean dropped;

    CollectionEngine(CollectionSpec spec, Memtable memtable, WriteAheadLog log, VectorIndexFactory exactIndex,
                     VectorKernels kernels, Clock clock) {
        this.spec = spec;
        this.memtable = memtable;
        this.log = log;
        this.visible = new VisibleSequence(log.lastSequence());
        this.validator = new RecordValidator(spec);
        this.search = new MemtableSearch(spec, exactIndex, kernels);
        this.clock = clock;
    }

    /** Applies one recovered log entry to the memtable; called before the collection is shared. */
    static void replay(Memtable memtable, WalEntry entry) {
        switch (entry) {
            case WalEntry.Upsert upsert -> memtable.put(MemtableEntry.upsert(upsert.sequence(), upsert.record()));
            case WalEntry.Delete delete -> memtable.put(MemtableEntry.tombstone(delete.sequence(), delete.id()));
            default -> {
                // Batch markers and catalog entries carry no record.
            }
        }
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
        long at = visible.published();
        long live = 0;
        long now = clock.millis();
        for (Iterator<MemtableEntry> it = memtable.scan(at); it.hasNext(); ) {
            MemtableEntry entry = it.next();
            if (!entry.isTombstone() && !entry.record().isExpiredAt(now)) {
                live++;
            }
        }
        return new CollectionInfo(spec, live, at, memtable.approximateBytes());
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
    public void write(WriteBatch batch) {
        write(batch, true);
    }

    private void write(WriteBatch batch, boolean atomicGroup) {
        checkOpen();
        if (batch.size() == 0) {
            return;
        }
        List<WalEntry> entries = toEntries(batch);
        List<WalEntry> logged;
        long first;
        long last;
        try {
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
        } catch (IOException e) {
            throw new ProximaException.StorageFailure("write to collection '" + spec.name() + "' failed: "
                    + e.getMessage(), e);
        }
        for (WalEntry entry : logged) {
            replay(memtable, entry);
        }
        visible.complete(first, last);
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
    public Optional<VectorRecord> get(String id) {
        checkOpen();
        RecordValidator.checkId(id);
        MemtableEntry entry = memtable.get(id, visible.published());
        if (entry == null || entry.isTombstone() || entry.record().isExpiredAt(clock.millis())) {
            return Optional.empty();
        }
        return Optional.of(entry.record());
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        checkOpen();
        validator.checkVector(request.vector(), "query vector");
        if (request.k() < 1 || request.k() > SearchRequest.MAX_K) {
            throw new ProximaException.InvalidArgument("k must be between 1 and " + SearchRequest.MAX_K + ", got "
                    + request.k());
        }
        return search.search(memtable, visible.published(), clock.millis(), request);
    }

    /** Every live, unexpired record in id order, as of now; for tools and tests that check whole contents. */
    void forEachLive(java.util.function.Consumer<VectorRecord> action) {
        checkOpen();
        long now = clock.millis();
        for (Iterator<MemtableEntry> it = memtable.scan(visible.published()); it.hasNext(); ) {
            MemtableEntry entry = it.next();
            if (!entry.isTombstone() && !entry.record().isExpiredAt(now)) {
                action.accept(entry.record());
            }
        }
    }

    private void checkOpen() {
        if (dropped) {
            throw new ProximaException.CollectionNotFound(spec.name());
        }
    }

    /** Marks the collection dropped and closes its log; later calls fail as for an unknown collection. */
    void closeForDrop() throws IOException {
        dropped = true;
        log.close();
    }

    void close() throws IOException {
        log.close();
    }
}
