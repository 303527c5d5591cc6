package io.proximadb.server.service;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.CollectionInfo;
import io.proximadb.api.ProximaDB;
import io.proximadb.api.ProximaException;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.api.WriteBatch;
import io.proximadb.kernel.filter.Filter;
import io.proximadb.spi.record.VectorRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one service layer: every operation the server offers, over the embedded engine. The REST
 * adapter (and later gRPC) only decode a request into these inputs, call one method and encode
 * what it returns; every check and every mapping to a typed {@link ServiceException} is here, so
 * the adapters cannot disagree.
 *
 * <p>Every method blocks (it may wait for a group commit's fsync): call it from a worker thread,
 * never from an event loop. Thread-safe.
 */
public final class ProximaService {

    private final DatabaseHandle database;
    private final ServiceLimits limits;

    public ProximaService(DatabaseHandle database, ServiceLimits limits) {
        this.database = database;
        this.limits = limits;
    }

    /** Whether the database is open, recovered and not shutting down. */
    public boolean ready() {
        return database.ready();
    }

    /** @throws ServiceException UNAVAILABLE, saying why, when the service is not {@link #ready()} */
    public void checkReady() {
        database.checkReady();
    }

    public CollectionInfo createCollection(NewCollection request) {
        CollectionConfig config = checked(() -> EngineInputs.collectionConfig(request));
        return call(db -> db.createCollection(config).describe());
    }

    public List<CollectionInfo> listCollections() {
        return call(ProximaDB::listCollections);
    }

    public CollectionInfo describeCollection(String name) {
        return call(db -> db.collection(name).describe());
    }

    public void dropCollection(String name) {
        call(db -> {
            db.dropCollection(name);
            return null;
        });
    }

    /** Upserts every record in one atomic batch; returns how many. */
    public int upsert(String collection, List<RecordInput> records) {
        WriteBatch batch = checked(() -> EngineInputs.upserts(records, limits));
        return call(db -> {
            db.collection(collection).write(batch);
            return batch.size();
        });
    }

    /** The live record with this id. @throws ServiceException NOT_FOUND if there is none */
    public VectorRecord getRecord(String collection, String id) {
        return call(db -> db.collection(collection).get(id)).orElseThrow(() -> new ServiceException(ErrorCode.NOT_FOUND,
                "record '" + id + "' does not exist in collection '" + collection + "'"));
    }

    /** Deletes one record; deleting an absent id is not an error. */
    public void deleteRecord(String collection, String id) {
        call(db -> {
            db.collection(collection).delete(id);
            return null;
        });
    }

    /**
     * Deletes the records named by id, or those matching a filter, atomically. Returns the number of
     * records a filter matched, or the number of ids given (an absent id is deleted as a no-op).
     */
    public long deleteRecords(String collection, DeleteSelection selection) {
        EngineInputs.require(selection, "request body");
        boolean byIds = selection.ids() != null;
        boolean byFilter = !EngineInputs.isAbsent(selection.filter());
        if (byIds == byFilter) {
            throw ServiceException.invalid("give exactly one of ids (a list of record ids) or filter (a filter object)");
        }
        if (byIds) {
            List<String> ids = checked(() -> EngineInputs.ids(selection.ids(), limits));
            return call(db -> {
                db.collection(collection).delete(ids);
                return (long) ids.size();
            });
        }
        if (selection.filter().isObject() && selection.filter().isEmpty()) {
            throw ServiceException.invalid("filter {} matches every record; to empty a collection, drop and "
                    + "recreate it, or pass a filter that selects what to delete");
        }
        Filter filter = checked(() -> EngineInputs.filter(selection.filter(), limits));
        return call(db -> db.collection(collection).delete(filter));
    }

    public List<SearchHit> search(String collection, SearchQuery query) {
        SearchRequest request = checked(() -> EngineInputs.searchRequest(query, "", limits));
        return call(db -> db.collection(collection).search(request));
    }

    /** Runs several queries on one collection; the results are in the order of the queries. */
    public List<List<SearchHit>> searchBatch(String collection, List<SearchQuery> queries) {
        List<SearchRequest> requests = checked(() -> {
            EngineInputs.require(queries, "queries");
            if (queries.isEmpty() || queries.size() > limits.maxQueriesPerBatch()) {
                throw ServiceException.invalid("queries must hold 1 to " + limits.maxQueriesPerBatch()
                        + " queries, got " + queries.size());
            }
            List<SearchRequest> converted = new ArrayList<>(queries.size());
            for (int i = 0; i < queries.size(); i++) {
                converted.add(EngineInputs.searchRequest(queries.get(i), "queries[" + i + "]", limits));
            }
            return converted;
        });
        return call(db -> {
            Collection target = db.collection(collection);
            List<List<SearchHit>> results = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                try {
                    results.add(target.search(requests.get(i)));
                } catch (ProximaException.InvalidArgument e) {
                    throw ServiceException.invalid("queries[" + i + "]: " + e.getMessage());
                }
            }
            return results;
        });
    }

    private <T> T call(Function<ProximaDB, T> operation) {
        return database.call(db -> checked(() -> operation.apply(db)));
    }

    /** Runs {@code step}, turning whatever the engine threw into a typed service error. */
    private static <T> T checked(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            throw ServiceException.from(e);
        }
    }
}
