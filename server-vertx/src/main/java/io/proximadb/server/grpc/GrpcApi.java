package io.proximadb.server.grpc;

import io.proximadb.grpc.v1.DeleteRecordsResponse;
import io.proximadb.grpc.v1.DropCollectionResponse;
import io.proximadb.grpc.v1.ListCollectionsResponse;
import io.proximadb.grpc.v1.SearchBatchResponse;
import io.proximadb.grpc.v1.SearchResponse;
import io.proximadb.grpc.v1.UpsertRequest;
import io.proximadb.grpc.v1.UpsertResponse;
import io.proximadb.server.auth.Authenticator;
import io.proximadb.server.limits.RateLimits;
import io.proximadb.server.service.ErrorCode;
import io.proximadb.server.service.ProximaService;
import io.proximadb.server.service.ServiceException;
import io.proximadb.server.service.SearchQuery;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicBoolean;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.proximadb.server.workers.EngineWorkers;
import io.vertx.ext.web.Router;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gRPC adapter: {@code proximadb.v1.Proxima} on the same port as REST, through Vert.x's gRPC
 * server mounted on the router (HTTP/2, cleartext or TLS). Each method decodes its message
 * ({@link ProtoMessages}), calls one {@link ProximaService} method on a worker and encodes the
 * result; no decision is made here.
 */
public final class GrpcApi {

    private static final String ENCODING = "grpc-encoding";
    private static final String IDENTITY = "identity";

    private final ProximaService service;
    private final GrpcCalls calls;

    private GrpcApi(ProximaService service, GrpcCalls calls) {
        this.service = service;
        this.calls = calls;
    }

    /** Routes {@code /proximadb.v1.Proxima/*} to the gRPC server. */
    public static void mount(Router router, Vertx vertx, ProximaService service, Authenticator authenticator,
                             RateLimits rateLimits, EngineWorkers workers, long maxMessageBytes) {
        // gRPC's default of 256 KiB a message would cut a bulk upsert to ~80 vectors of 784 floats;
        // messages get the same bound as REST bodies.
        GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(maxMessageBytes));
        new GrpcApi(service, new GrpcCalls(authenticator, rateLimits, workers)).register(grpc);
        router.route("/" + ProximaMethods.SERVICE.fullyQualifiedName() + "/*").handler(context -> {
            String encoding = context.request().getHeader(ENCODING);
            if (encoding != null && !encoding.equalsIgnoreCase(IDENTITY)) {
                refuseCompressed(context.response(), encoding);
                return;
            }
            grpc.handle(context.request());
        });
    }

    /**
     * Compressed messages are refused before anything reads them: the message size bound applies to
     * the compressed bytes, and a few megabytes of gzip can inflate to gigabytes on the event loop
     * (a decompression bomb). Clients send uncompressed messages unless told otherwise, and the
     * answer names the one encoding accepted (a Trailers-Only response, as gRPC defines it).
     */
    private static void refuseCompressed(HttpServerResponse response, String encoding) {
        response.putHeader("content-type", "application/grpc")
                .putHeader("grpc-accept-encoding", IDENTITY)
                .putHeader("grpc-status", Integer.toString(GrpcStatus.UNIMPLEMENTED.code))
                .putHeader("grpc-message", "message encoding '" + encoding.replaceAll("[^A-Za-z0-9_.-]", "?")
                        + "' is not accepted; send messages uncompressed (grpc-encoding identity)")
                .end();
    }

    private void register(GrpcServer grpc) {
        grpc.callHandler(ProximaMethods.CREATE_COLLECTION, request -> calls.unary(request, (caller, message) ->
                ProtoMessages.collection(service.createCollection(caller, ProtoMessages.newCollection(message)))));
        grpc.callHandler(ProximaMethods.LIST_COLLECTIONS, request -> calls.unary(request, (caller, message) ->
                ListCollectionsResponse.newBuilder().addAllCollections(
                        service.listCollections(caller).stream().map(ProtoMessages::collection).toList()).build()));
        grpc.callHandler(ProximaMethods.DESCRIBE_COLLECTION, request -> calls.unary(request, (caller, message) ->
                ProtoMessages.collection(service.describeCollection(caller, message.getName()))));
        grpc.callHandler(ProximaMethods.DROP_COLLECTION, request -> calls.unary(request, (caller, message) -> {
            service.dropCollection(caller, message.getName());
            return DropCollectionResponse.getDefaultInstance();
        }));
        grpc.callHandler(ProximaMethods.UPSERT, request -> calls.unary(request, (caller, message) ->
                UpsertResponse.newBuilder().setUpserted(service.upsert(caller, message.getCollection(),
                        ProtoMessages.records(message.getRecordsList()))).build()));
        grpc.callHandler(ProximaMethods.UPSERT_STREAM, this::upsertStream);
        grpc.callHandler(ProximaMethods.GET_RECORD, request -> calls.unary(request, (caller, message) ->
                ProtoMessages.record(service.getRecord(caller, message.getCollection(), message.getId()))));
        grpc.callHandler(ProximaMethods.DELETE_RECORDS, request -> calls.unary(request, (caller, message) ->
                DeleteRecordsResponse.newBuilder().setDeleted(service.deleteRecords(caller, message.getCollection(),
                        ProtoMessages.deleteSelection(message))).build()));
        grpc.callHandler(ProximaMethods.SEARCH, request -> calls.unarySearch(request, (caller, message) ->
                ProtoMessages.hits(service.search(caller, message.getCollection(),
                        ProtoMessages.query(message.getQuery(), "query.")))));
        grpc.callHandler(ProximaMethods.SEARCH_BATCH, request -> calls.unarySearch(request, (caller, message) ->
                SearchBatchResponse.newBuilder().addAllResponses(service.searchBatch(caller, message.getCollection(),
                        ProtoMessages.queries(message.getQueriesList())).stream().map(ProtoMessages::hits).toList())
                        .build()));
        grpc.callHandler(ProximaMethods.SEARCH_STREAM, this::searchStream);
    }

    /**
     * Bulk ingest. Each message is written as one batch on a worker while the stream is paused, so
     * a fast client is held back by the engine's pace (HTTP/2 flow control), not buffered without
     * bound; the answer, after the client's end, counts every record.
     */
    private void upsertStream(GrpcServerRequest<UpsertRequest, UpsertResponse> request) {
        GrpcCalls.Admitted admitted = calls.admit(request);
        if (admitted == null) {
            return;
        }
        AtomicLong upserted = new AtomicLong();
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean firstDone = new AtomicBoolean();
        Promise<Void> failed = Promise.promise();
        // Batches run one after another: the next waits for the previous one's future.
        Future<?>[] previous = {Future.succeededFuture()};
        request.handler(message -> {
            request.pause();
            previous[0] = previous[0]
                    .compose(ignored -> calls.onWorker(() -> {
                        // each batch is a request: its key may be revoked mid-stream, and it counts against the rate limit
                        calls.admitMessage(admitted.caller(), !firstDone.getAndSet(true));
                        return upserted.addAndGet(service.upsert(admitted.caller(), message.getCollection(),
                                ProtoMessages.records(message.getRecordsList())));
                    }))
                    .onSuccess(ignored -> {
                        if (!ended.get()) {
                            request.resume(); // resuming a request already read to its end throws
                        }
                    })
                    .onFailure(error -> failed.tryFail(error));
        });
        request.exceptionHandler(failed::tryFail);
        failed.future().onFailure(error ->
                GrpcErrors.fail(request.response(), error, admitted.requestId(), request.methodName()));
        request.endHandler(ignored -> {
            ended.set(true);
            previous[0].onSuccess(done -> {
                request.response().trailers().set(GrpcCalls.REQUEST_ID, admitted.requestId());
                request.response().end(UpsertResponse.newBuilder().setUpserted(upserted.get()).build());
            });
        });
    }

    /** Many queries, one answer each, sent in order as each is ready, respecting the client's flow control. */
    private void searchStream(GrpcServerRequest<io.proximadb.grpc.v1.SearchBatchRequest, SearchResponse> request) {
        GrpcCalls.Admitted admitted = calls.admit(request);
        if (admitted == null) {
            return;
        }
        request.last().onComplete(received -> {
            if (received.failed()) {
                GrpcErrors.fail(request.response(), received.cause(), admitted.requestId(), request.methodName());
                return;
            }
            io.proximadb.grpc.v1.SearchBatchRequest message = received.result();
            calls.onWorker(() -> {
                        List<SearchQuery> queries = ProtoMessages.queries(message.getQueriesList());
                        // The whole batch is checked first (size, every query's form), as SearchBatch does.
                        service.checkSearchBatch(admitted.caller(), queries);
                        return queries;
                    })
                    .compose(queries -> streamFrom(request.response(), admitted, message.getCollection(), queries, 0))
                    .onSuccess(done -> {
                        request.response().trailers().set(GrpcCalls.REQUEST_ID, admitted.requestId());
                        request.response().end();
                    })
                    .onFailure(error -> GrpcErrors.fail(request.response(), error, admitted.requestId(),
                            request.methodName()));
        });
    }

    private Future<Void> streamFrom(GrpcServerResponse<?, SearchResponse> response, GrpcCalls.Admitted admitted,
                                    String collection, List<SearchQuery> queries, int next) {
        if (next == queries.size()) {
            return Future.succeededFuture();
        }
        return calls.onSearchWorker(() -> {
                    try {
                        return ProtoMessages.hits(service.search(admitted.caller(), collection, queries.get(next)));
                    } catch (ServiceException e) {
                        throw e.code() == ErrorCode.INVALID_ARGUMENT
                                ? ServiceException.invalid("queries[" + next + "]: " + e.getMessage()) : e;
                    }
                })
                .compose(response::write)
                .compose(written -> streamFrom(response, admitted, collection, queries, next + 1));
    }
}
