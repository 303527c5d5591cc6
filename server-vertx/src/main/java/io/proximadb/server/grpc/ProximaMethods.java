package io.proximadb.server.grpc;

import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import io.proximadb.grpc.v1.Collection;
import io.proximadb.grpc.v1.CollectionRef;
import io.proximadb.grpc.v1.CreateCollectionRequest;
import io.proximadb.grpc.v1.DeleteRecordsRequest;
import io.proximadb.grpc.v1.DeleteRecordsResponse;
import io.proximadb.grpc.v1.DropCollectionResponse;
import io.proximadb.grpc.v1.GetRecordRequest;
import io.proximadb.grpc.v1.ListCollectionsRequest;
import io.proximadb.grpc.v1.ListCollectionsResponse;
import io.proximadb.grpc.v1.Record;
import io.proximadb.grpc.v1.SearchBatchRequest;
import io.proximadb.grpc.v1.SearchBatchResponse;
import io.proximadb.grpc.v1.SearchRequest;
import io.proximadb.grpc.v1.SearchResponse;
import io.proximadb.grpc.v1.UpsertRequest;
import io.proximadb.grpc.v1.UpsertResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;

/**
 * The methods of {@code proximadb.v1.Proxima} (proto/proximadb/v1/proxima.proto) as Vert.x service
 * methods: the protobuf messages are generated from the proto file at build time, and Vert.x's gRPC
 * server needs no generated service stub, only these name/codec pairs.
 */
public final class ProximaMethods {

    public static final ServiceName SERVICE = ServiceName.create("proximadb.v1.Proxima");

    public static final ServiceMethod<CreateCollectionRequest, Collection> CREATE_COLLECTION =
            method("CreateCollection", CreateCollectionRequest.getDefaultInstance());
    public static final ServiceMethod<ListCollectionsRequest, ListCollectionsResponse> LIST_COLLECTIONS =
            method("ListCollections", ListCollectionsRequest.getDefaultInstance());
    public static final ServiceMethod<CollectionRef, Collection> DESCRIBE_COLLECTION =
            method("DescribeCollection", CollectionRef.getDefaultInstance());
    public static final ServiceMethod<CollectionRef, DropCollectionResponse> DROP_COLLECTION =
            method("DropCollection", CollectionRef.getDefaultInstance());
    public static final ServiceMethod<UpsertRequest, UpsertResponse> UPSERT =
            method("Upsert", UpsertRequest.getDefaultInstance());
    public static final ServiceMethod<UpsertRequest, UpsertResponse> UPSERT_STREAM =
            method("UpsertStream", UpsertRequest.getDefaultInstance());
    public static final ServiceMethod<GetRecordRequest, Record> GET_RECORD =
            method("GetRecord", GetRecordRequest.getDefaultInstance());
    public static final ServiceMethod<DeleteRecordsRequest, DeleteRecordsResponse> DELETE_RECORDS =
            method("DeleteRecords", DeleteRecordsRequest.getDefaultInstance());
    public static final ServiceMethod<SearchRequest, SearchResponse> SEARCH =
            method("Search", SearchRequest.getDefaultInstance());
    public static final ServiceMethod<SearchBatchRequest, SearchBatchResponse> SEARCH_BATCH =
            method("SearchBatch", SearchBatchRequest.getDefaultInstance());
    public static final ServiceMethod<SearchBatchRequest, SearchResponse> SEARCH_STREAM =
            method("SearchStream", SearchBatchRequest.getDefaultInstance());

    private ProximaMethods() {
    }

    private static <Req extends Message, Resp extends MessageLite> ServiceMethod<Req, Resp> method(String name,
                                                                                                  Req prototype) {
        return ServiceMethod.server(SERVICE, name, GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(prototype));
    }
}
