package io.proximadb.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.proximadb.api.ChangeListener;
import io.proximadb.api.Collection;
import io.proximadb.api.CollectionInfo;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.api.WriteBatch;
import io.proximadb.grpc.v1.CollectionRef;
import io.proximadb.grpc.v1.DeleteRecordsRequest;
import io.proximadb.grpc.v1.GetRecordRequest;
import io.proximadb.grpc.v1.Ids;
import io.proximadb.grpc.v1.Record;
import io.proximadb.grpc.v1.SearchBatchRequest;
import io.proximadb.grpc.v1.SearchResponse;
import io.proximadb.grpc.v1.UpsertRequest;
import io.proximadb.kernel.filter.Filter;
import io.proximadb.kernel.filter.FilterJson;
import io.proximadb.spi.record.VectorRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A collection on a server, with the engine's {@link Collection} interface and the same guarantees
 * for single calls: a write is acknowledged once the server's engine has logged it, each
 * {@code upsert(List)} and each {@code delete} is atomic. Differences, all refusals rather than
 * silent changes: {@link #write} takes a batch of upserts or a batch of deletes, not both (the server
 * applies each kind atomically, but not the two together); {@link #flush} and {@link #compact} are
 * the server's business; a time to live travels in whole seconds. Thread-safe.
 */
public final class RemoteCollection implements Collection {

    private final RemoteDatabase db;
    private final String name;

    RemoteCollection(RemoteDatabase db, String name) {
        this.db = db;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CollectionInfo describe() {
        CollectionRef ref = CollectionRef.newBuilder().setName(name).build();
        return Messages.info(db.retrier().call(name, () -> db.blocking().describeCollection(ref)));
    }

    @Override
    public void upsert(VectorRecord record) {
        send(List.of(record), null);
    }

    @Override
    public void upsert(VectorRecord record, Duration ttl) {
        send(List.of(record), Objects.requireNonNull(ttl, "ttl"));
    }

    @Override
    public void upsert(List<VectorRecord> records) {
        send(records, null);
    }

    private void send(List<VectorRecord> records, Duration ttl) {
        if (records.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        UpsertRequest.Builder request = UpsertRequest.newBuilder().setCollection(name);
        for (VectorRecord record : records) {
            request.addRecords(Messages.input(record, ttl, now));
        }
        UpsertRequest built = request.build();
        db.retrier().call(name, () -> db.blocking().upsert(built));
    }

    /**
     * Applies a batch atomically, when it is all upserts (one {@code Upsert} call) or all deletes (one
     * {@code DeleteRecords} call).
     *
     * @throws UnsupportedOperationException for a batch that mixes upserts and deletes: the server
     *                                       has no call that applies both atomically, and splitting the
     *                                       batch would break the promise of all or nothing
     */
    @Override
    public void write(WriteBatch batch) {
        List<WriteBatch.Upsert> upserts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (WriteBatch.Operation operation : batch.operations()) {
            switch (operation) {
                case WriteBatch.Upsert upsert -> upserts.add(upsert);
                case WriteBatch.Delete delete -> deletes.add(delete.id());
            }
        }
        if (!upserts.isEmpty() && !deletes.isEmpty()) {
            throw new UnsupportedOperationException("a remote WriteBatch holds upserts or deletes, not both: the server "
                    + "applies each kind atomically but not the two together; send two batches (" + upserts.size()
                    + " upserts, " + deletes.size() + " deletes here)");
        }
        if (!deletes.isEmpty()) {
            delete(deletes);
            return;
        }
        if (upserts.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        UpsertRequest.Builder request = UpsertRequest.newBuilder().setCollection(name);
        for (WriteBatch.Upsert upsert : upserts) {
            request.addRecords(Messages.input(upsert.record(), upsert.ttl(), now));
        }
        UpsertRequest built = request.build();
        db.retrier().call(name, () -> db.blocking().upsert(built));
    }

    @Override
    public Optional<VectorRecord> get(String id) {
        Objects.requireNonNull(id, "id");
        GetRecordRequest request = GetRecordRequest.newBuilder().setCollection(name).setId(id).build();
        Record record = db.retrier().call(name, () -> {
            try {
                return db.blocking().getRecord(request);
            } catch (StatusRuntimeException e) {
                // The engine answers "absent" for a missing record; only a missing collection is an error.
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND && e.getStatus().getDescription() != null
                        && e.getStatus().getDescription().startsWith("record '")) {
                    return null;
                }
                throw e;
            }
        });
        return Optional.ofNullable(record).map(Messages::record);
    }

    @Override
    public void delete(String id) {
        delete(List.of(Objects.requireNonNull(id, "id")));
    }

    @Override
    public void delete(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        DeleteRecordsRequest request = DeleteRecordsRequest.newBuilder().setCollection(name)
                .setIds(Ids.newBuilder().addAllIds(ids)).build();
        db.retrier().call(name, () -> db.blocking().deleteRecords(request));
    }

    @Override
    public long delete(Filter filter) {
        DeleteRecordsRequest request = DeleteRecordsRequest.newBuilder().setCollection(name)
                .setFilterJson(FilterJson.toJson(Objects.requireNonNull(filter, "filter"))).build();
        return db.retrier().call(name, () -> db.blocking().deleteRecords(request)).getDeleted();
    }

    /** @throws UnsupportedOperationException always: the server flushes on its own schedule and offers no call for it */
    @Override
    public void flush() {
        throw new UnsupportedOperationException("flush() is not part of the remote API: the server flushes memtables "
                + "on its own, and every acknowledged write is already durable in its log");
    }

    /** @throws UnsupportedOperationException always: the server runs its merge policy on its own */
    @Override
    public void compact() {
        throw new UnsupportedOperationException("compact() is not part of the remote API: the server runs its merge "
                + "policy on its own");
    }

    /**
     * Subscribes to the collection's changes over the server's WebSocket
     * ({@code GET /v1/collections/{name}/changes}); returns once the server has accepted it, so every
     * write acknowledged after this returns is delivered. The listener is called on one thread at a
     * time, in sequence order. A feed the server ends for falling behind reports {@code overflowed}.
     */
    @Override
    public AutoCloseable watch(ChangeListener listener) {
        return ChangeFeed.open(db, name, Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        var query = Messages.query(request);
        var search = io.proximadb.grpc.v1.SearchRequest.newBuilder().setCollection(name).setQuery(query).build();
        return Messages.hits(db.retrier().call(name, () -> db.blocking().search(search)).getResultsList(), request);
    }

    /**
     * Runs several queries in one call ({@code SearchStream}): one list of hits per request, in order.
     * The server checks every query before it runs the first.
     */
    public List<List<SearchHit>> searchBatch(List<SearchRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        SearchBatchRequest.Builder batch = SearchBatchRequest.newBuilder().setCollection(name);
        for (SearchRequest request : requests) {
            batch.addQueries(Messages.query(request));
        }
        SearchBatchRequest built = batch.build();
        List<SearchResponse> responses = db.retrier().call(name, () -> {
            List<SearchResponse> answers = new ArrayList<>(requests.size());
            db.blocking().searchStream(built).forEachRemaining(answers::add);
            return answers;
        });
        List<List<SearchHit>> result = new ArrayList<>(responses.size());
        for (int i = 0; i < responses.size(); i++) {
            result.add(Messages.hits(responses.get(i).getResultsList(), requests.get(i)));
        }
        return result;
    }

    /**
     * Upserts every record of {@code records} over one client-streaming call ({@code UpsertStream}),
     * {@code batchSize} records per message; the server writes each message as one atomic batch, in
     * order, and holds the client to its pace through HTTP/2 flow control, so millions of records
     * stream in constant memory. On an error the call ends with it: the batches the server wrote
     * before stay written (upserting them again is harmless). Not retried: a rate limit or an
     * unavailable server is thrown to the caller, who may resume from the progress reported.
     *
     * @param batchSize records per message, 1 to 100,000; a few hundred to a few thousand suits most
     * @param progress  called on this thread with the number of records sent so far, after each batch
     * @return how many records the server upserted
     */
    public long bulkUpsert(Iterator<VectorRecord> records, int batchSize, LongConsumer progress) {
        return BulkUpsert.run(db, name, records, batchSize, progress);
    }

    /** {@link #bulkUpsert(Iterator, int, LongConsumer)} over a stream, which this consumes and closes. */
    public long bulkUpsert(Stream<VectorRecord> records, int batchSize, LongConsumer progress) {
        try (records) {
            return bulkUpsert(records.iterator(), batchSize, progress);
        }
    }

    @Override
    public String toString() {
        return "RemoteCollection[" + name + " at " + db.server() + "]";
    }
}
