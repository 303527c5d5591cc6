package io.proximadb.server.service;

import io.proximadb.api.ChangeListener;
import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.CollectionInfo;
import io.proximadb.api.ProximaDB;
import io.proximadb.api.ProximaException;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.api.WriteBatch;
import io.proximadb.kernel.filter.Filter;
import io.proximadb.server.auth.Principal;
import io.proximadb.server.auth.Role;
import io.proximadb.server.auth.Tenants;
import io.proximadb.server.metrics.EngineMeters;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.record.VectorRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one service layer: every operation the server offers, over the embedded engine. The REST
 * adapter (and later gRPC) only decode a request into these inputs, call one method and encode
 * what it returns; every check and every mapping to a typed {@link ServiceException} is here, so
 * the adapters cannot disagree.
 *
 * <p>Every call names its {@link Principal caller}: the role it needs is checked here, and collection
 * names are taken in the caller's tenant ({@link Tenants}), so another tenant's collection is as
 * absent as one that never existed: {@code NOT_FOUND}, never {@code PERMISSION_DENIED}.
 *
 * <p>Every method blocks (it may wait for a group commit's fsync): call it from a worker thread,
 * never from an event loop. Thread-safe.
 */
public final class ProximaService {

    private final DatabaseHandle database;
    private final ServiceLimits limits;
    private final EngineMeters meters;

    public ProximaService(DatabaseHandle database, ServiceLimits limits, EngineMeters meters) {
        this.database = database;
        this.limits = limits;
        this.meters = meters;
    }

    /** Whether the database is open, recovered and not shutting down. */
    public boolean ready() {
        return database.ready();
    }

    /** @throws ServiceException UNAVAILABLE, saying why, when the service is not {@link #ready()} */
    public void checkReady() {
        database.checkReady();
    }

    public CollectionInfo createCollection(Principal caller, NewCollection request) {
        Access.require(caller, Role.WRITER, "create collections");
        String publicName = request == null ? null : request.name();
        CollectionConfig config = checked(() -> EngineInputs.collectionConfig(request == null ? null
                : new NewCollection(stored(caller, publicName), request.dimension(), request.metric(), request.index(),
                        request.memtable(), request.wal(), request.options())));
        return inCollection(caller, publicName, (db, name) -> visible(caller, db.createCollection(config).describe()));
    }

    /** Every tenant's collections under their engine names: for the operator's figures, never for a caller. */
    public List<CollectionInfo> collectionsOfEveryTenant() {
        return call(ProximaDB::listCollections);
    }

    public List<CollectionInfo> listCollections(Principal caller) {
        Access.require(caller, Role.READER, "list collections");
        return call(db -> db.listCollections().stream()
                .filter(info -> Tenants.owns(caller.tenant(), info.name()))
                .map(info -> visible(caller, info))
                .toList());
    }

    public CollectionInfo describeCollection(Principal caller, String name) {
        Access.require(caller, Role.READER, "describe collections");
        return inCollection(caller, name, (db, stored) -> visible(caller, db.collection(stored).describe()));
    }

    public void dropCollection(Principal caller, String name) {
        Access.require(caller, Role.WRITER, "drop collections");
        inCollection(caller, name, (db, stored) -> {
            db.dropCollection(stored);
            return null;
        });
    }

    /**
     * Subscribes {@code listener} to the collection's writes from now on ({@link Collection#watch}).
     * The caller closes the returned subscription.
     */
    public AutoCloseable watch(Principal caller, String collection, ChangeListener listener) {
        Access.require(caller, Role.READER, "watch changes");
        return inCollection(caller, collection, (db, stored) -> db.collection(stored).watch(listener));
    }

    /** Upserts every record in one atomic batch; returns how many. */
    public int upsert(Principal caller, String collection, List<RecordInput> records) {
        Access.require(caller, Role.WRITER, "write records");
        WriteBatch batch = checked(() -> EngineInputs.upserts(records, limits));
        int written = inCollection(caller, collection, (db, stored) -> {
            db.collection(stored).write(batch);
            return batch.size();
        });
        meters.upserted(written);
        return written;
    }

    /** The live record with this id. @throws ServiceException NOT_FOUND if there is none */
    public VectorRecord getRecord(Principal caller, String collection, String id) {
        Access.require(caller, Role.READER, "read records");
        return inCollection(caller, collection, (db, stored) -> db.collection(stored).get(id)).orElseThrow(
                () -> new ServiceException(ErrorCode.NOT_FOUND,
                        "record '" + id + "' does not exist in collection '" + collection + "'"));
    }

    /** Deletes one record; deleting an absent id is not an error. */
    public void deleteRecord(Principal caller, String collection, String id) {
        Access.require(caller, Role.WRITER, "delete records");
        inCollection(caller, collection, (db, stored) -> {
            db.collection(stored).delete(id);
            return null;
        });
        meters.deleted(1);
    }

    /**
     * Deletes the records named by id, or those matching a filter, atomically. Returns the number of
     * records a filter matched, or the number of ids given (an absent id is deleted as a no-op).
     */
    public long deleteRecords(Principal caller, String collection, DeleteSelection selection) {
        Access.require(caller, Role.WRITER, "delete records");
        EngineInputs.require(selection, "request body");
        boolean byIds = selection.ids() != null;
        boolean byFilter = !EngineInputs.isAbsent(selection.filter());
        if (byIds == byFilter) {
            throw ServiceException.invalid("give exactly one of ids (a list of record ids) or filter (a filter object)");
        }
        if (byIds) {
            List<String> ids = checked(() -> EngineInputs.ids(selection.ids(), limits));
            long deleted = inCollection(caller, collection, (db, stored) -> {
                db.collection(stored).delete(ids);
                return (long) ids.size();
            });
            meters.deleted(deleted);
            return deleted;
        }
        if (selection.filter().isObject() && selection.filter().isEmpty()) {
            throw ServiceException.invalid("filter {} matches every record; to empty a collection, drop and "
                    + "recreate it, or pass a filter that selects what to delete");
        }
        Filter filter = checked(() -> EngineInputs.filter(selection.filter(), limits));
        long deleted = inCollection(caller, collection, (db, stored) -> db.collection(stored).delete(filter));
        meters.deleted(deleted);
        return deleted;
    }

    public List<SearchHit> search(Principal caller, String collection, SearchQuery query) {
        Access.require(caller, Role.READER, "search");
        SearchRequest request = checked(() -> EngineInputs.searchRequest(query, "", limits));
        return inCollection(caller, collection, (db, stored) -> timed(db.collection(stored), request));
    }

    /** Runs several queries on one collection; the results are in the order of the queries. */
    public List<List<SearchHit>> searchBatch(Principal caller, String collection, List<SearchQuery> queries) {
        List<SearchRequest> requests = searchRequests(caller, queries);
        return inCollection(caller, collection, (db, stored) -> {
            Collection target = db.collection(stored);
            List<List<SearchHit>> results = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                try {
                    results.add(timed(target, requests.get(i)));
                } catch (ProximaException.InvalidArgument e) {
                    throw ServiceException.invalid("queries[" + i + "]: " + e.getMessage());
                }
            }
            return results;
        });
    }

    private List<SearchHit> timed(Collection collection, SearchRequest request) {
        long start = System.nanoTime();
        List<SearchHit> hits = collection.search(request);
        meters.search().record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        return hits;
    }

    /**
     * Checks a batch of queries as {@link #searchBatch} would before running any: the caller's role,
     * the batch's size and every query's form. For adapters that then run the queries one at a time
     * (gRPC's streaming search).
     */
    public void checkSearchBatch(Principal caller, List<SearchQuery> queries) {
        searchRequests(caller, queries);
    }

    private List<SearchRequest> searchRequests(Principal caller, List<SearchQuery> queries) {
        Access.require(caller, Role.READER, "search");
        return checked(() -> {
            EngineInputs.require(queries, "queries");
            if (queries.isEmpty() || queries.size() > limits.maxQueriesPerBatch()) {
                throw ServiceException.invalid("queries must hold 1 to " + limits.maxQueriesPerBatch()
                        + " queries, got " + queries.size());
            }
            List<SearchRequest> converted = new ArrayList<>(queries.size());
            long hits = 0;
            boolean vectors = false;
            for (int i = 0; i < queries.size(); i++) {
                SearchRequest request = EngineInputs.searchRequest(queries.get(i), "queries[" + i + "]", limits);
                hits += request.k();
                vectors |= request.includeVector();
                converted.add(request);
            }
            long allowed = vectors ? Math.min(limits.maxHitsPerBatch(), SearchRequest.MAX_K) : limits.maxHitsPerBatch();
            if (hits > allowed) {
                throw ServiceException.invalid("the batch asks for " + hits + " results in all (k summed over its queries);"
                        + " at most " + allowed + (vectors ? " when queries include vectors" : "")
                        + ": send fewer queries or a smaller k");
            }
            return converted;
        });
    }

    /**
     * Runs {@code operation} on the engine's name for the caller's collection {@code name}; the
     * engine's not-found and exists errors are reported under the name the caller used, so that no
     * message shows how tenants are stored.
     */
    private <T> T inCollection(Principal caller, String name, BiFunction<ProximaDB, String, T> operation) {
        String stored = stored(caller, name);
        try {
            return call(db -> operation.apply(db, stored));
        } catch (ServiceException e) {
            if (e.getCause() instanceof ProximaException.CollectionNotFound) {
                throw new ServiceException(ErrorCode.NOT_FOUND, "collection '" + name + "' does not exist", e.getCause());
            }
            if (e.getCause() instanceof ProximaException.CollectionExists) {
                throw new ServiceException(ErrorCode.ALREADY_EXISTS, "collection '" + name + "' already exists",
                        e.getCause());
            }
            if (!stored.equals(name) && e.getMessage() != null && e.getMessage().contains("'" + stored + "'")) {
                // The engine names the collection by its stored name; the caller knows it by its own.
                throw new ServiceException(e.code(), e.getMessage().replace("'" + stored + "'", "'" + name + "'"),
                        e.getCause());
            }
            throw e;
        }
    }

    private static String stored(Principal caller, String name) {
        return checked(() -> {
            try {
                return Tenants.storedName(caller.tenant(), name);
            } catch (IllegalArgumentException e) {
                throw ServiceException.invalid(e.getMessage());
            }
        });
    }

    /** {@code info} as the caller sees it: under the name it knows the collection by. */
    private static CollectionInfo visible(Principal caller, CollectionInfo info) {
        CollectionSpec spec = info.spec();
        String name = Tenants.publicName(caller.tenant(), spec.name());
        if (name.equals(spec.name())) {
            return info;
        }
        return new CollectionInfo(new CollectionSpec(name, spec.dimension(), spec.metric(), spec.memtable(),
                spec.walCodec(), spec.index(), spec.options()), info.liveRecords(), info.lastSequence(), info.storage());
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
