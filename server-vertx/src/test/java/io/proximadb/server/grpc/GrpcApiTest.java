package io.proximadb.server.grpc;

import static io.proximadb.server.grpc.GrpcClientFixture.method;
import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.grpc.v1.Collection;
import io.proximadb.grpc.v1.CollectionRef;
import io.proximadb.grpc.v1.CreateCollectionRequest;
import io.proximadb.grpc.v1.DeleteRecordsRequest;
import io.proximadb.grpc.v1.DeleteRecordsResponse;
import io.proximadb.grpc.v1.DropCollectionResponse;
import io.proximadb.grpc.v1.GetRecordRequest;
import io.proximadb.grpc.v1.Hit;
import io.proximadb.grpc.v1.ListCollectionsRequest;
import io.proximadb.grpc.v1.ListCollectionsResponse;
import io.proximadb.grpc.v1.Record;
import io.proximadb.grpc.v1.RecordInput;
import io.proximadb.grpc.v1.SearchBatchRequest;
import io.proximadb.grpc.v1.SearchBatchResponse;
import io.proximadb.grpc.v1.SearchQuery;
import io.proximadb.grpc.v1.SearchRequest;
import io.proximadb.grpc.v1.SearchResponse;
import io.proximadb.grpc.v1.UpsertRequest;
import io.proximadb.grpc.v1.UpsertResponse;
import io.proximadb.server.NoBlockedThreads;
import io.proximadb.server.ServerFixture;
import io.proximadb.server.grpc.GrpcClientFixture.Answer;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The gRPC service on the REST port, called by a real gRPC client over loopback. */
@ExtendWith(NoBlockedThreads.class)
class GrpcApiTest {

    static final ServiceMethod<Collection, CreateCollectionRequest> CREATE =
            method("CreateCollection", Collection.getDefaultInstance());
    static final ServiceMethod<ListCollectionsResponse, ListCollectionsRequest> LIST =
            method("ListCollections", ListCollectionsResponse.getDefaultInstance());
    static final ServiceMethod<Collection, CollectionRef> DESCRIBE =
            method("DescribeCollection", Collection.getDefaultInstance());
    static final ServiceMethod<DropCollectionResponse, CollectionRef> DROP =
            method("DropCollection", DropCollectionResponse.getDefaultInstance());
    static final ServiceMethod<UpsertResponse, UpsertRequest> UPSERT =
            method("Upsert", UpsertResponse.getDefaultInstance());
    static final ServiceMethod<UpsertResponse, UpsertRequest> UPSERT_STREAM =
            method("UpsertStream", UpsertResponse.getDefaultInstance());
    static final ServiceMethod<Record, GetRecordRequest> GET = method("GetRecord", Record.getDefaultInstance());
    static final ServiceMethod<DeleteRecordsResponse, DeleteRecordsRequest> DELETE =
            method("DeleteRecords", DeleteRecordsResponse.getDefaultInstance());
    static final ServiceMethod<SearchResponse, SearchRequest> SEARCH =
            method("Search", SearchResponse.getDefaultInstance());
    static final ServiceMethod<SearchBatchResponse, SearchBatchRequest> SEARCH_BATCH =
            method("SearchBatch", SearchBatchResponse.getDefaultInstance());
    static final ServiceMethod<SearchResponse, SearchBatchRequest> SEARCH_STREAM =
            method("SearchStream", SearchResponse.getDefaultInstance());

    @TempDir
    Path directory;

    private ServerFixture server;
    private GrpcClientFixture grpc;

    @BeforeEach
    void start() {
        server = ServerFixture.open(directory);
        grpc = new GrpcClientFixture(server.server().port());
    }

    @AfterEach
    void stop() {
        grpc.close();
        server.close();
    }

    static RecordInput record(String id, String metadataJson, float... vector) {
        RecordInput.Builder record = RecordInput.newBuilder().setId(id).setMetadataJson(metadataJson);
        for (float component : vector) {
            record.addVector(component);
        }
        return record.build();
    }

    static SearchQuery query(int k, String filterJson, float... vector) {
        SearchQuery.Builder query = SearchQuery.newBuilder().setK(k).setFilterJson(filterJson).addInclude("metadata");
        for (float component : vector) {
            query.addVector(component);
        }
        return query.build();
    }

    private void createDocs() {
        Collection created = grpc.call(CREATE, null, CreateCollectionRequest.newBuilder().setName("docs")
                .setDimension(3).setMetric("l2").build()).single();
        assertThat(created.getName()).isEqualTo("docs");
        assertThat(created.getIndex()).isNotEmpty();
        assertThat(grpc.call(UPSERT, null, UpsertRequest.newBuilder().setCollection("docs")
                .addRecords(record("a", "{\"lang\": \"en\", \"year\": 2020}", 1, 0, 0))
                .addRecords(record("b", "{\"lang\": \"de\"}", 0, 1, 0))
                .addRecords(record("c", "{\"lang\": \"en\"}", 0, 0, 1))
                .build()).single().getUpserted()).isEqualTo(3);
    }

    @Test
    void everyOperationWorksAndAgreesWithRest() {
        createDocs();
        Record a = grpc.call(GET, null, GetRecordRequest.newBuilder().setCollection("docs").setId("a").build()).single();
        assertThat(a.getVectorList()).containsExactly(1f, 0f, 0f);
        // Integers stay integers: metadata crosses gRPC as JSON text, not as doubles.
        assertThat(a.getMetadataJson()).isEqualTo(server.get("/v1/collections/docs/records/a").json()
                .path("metadata").toString()).contains("2020").doesNotContain("2020.0");

        SearchResponse hits = grpc.call(SEARCH, null, SearchRequest.newBuilder().setCollection("docs")
                .setQuery(query(3, "{\"lang\": \"en\"}", 1, 0, 0)).build()).single();
        assertThat(hits.getResultsList()).extracting(Hit::getId).containsExactly("a", "c");
        assertThat(hits.getResults(0).getMetadataJson()).contains("\"en\"");
        var rest = server.post("/v1/collections/docs/search",
                "{\"vector\": [1, 0, 0], \"k\": 3, \"filter\": {\"lang\": \"en\"}}").json().path("results");
        assertThat(hits.getResults(1).getScore()).isEqualTo((float) rest.get(1).path("score").asDouble());

        List<SearchQuery> queries = List.of(query(1, "", 1, 0, 0), query(1, "", 0, 1, 0), query(1, "", 0, 0, 1));
        SearchBatchRequest batch = SearchBatchRequest.newBuilder().setCollection("docs").addAllQueries(queries).build();
        assertThat(grpc.call(SEARCH_BATCH, null, batch).single().getResponsesList())
                .extracting(response -> response.getResults(0).getId()).containsExactly("a", "b", "c");
        Answer<SearchResponse> streamed = grpc.call(SEARCH_STREAM, null, batch);
        assertThat(streamed.status()).isEqualTo(GrpcStatus.OK);
        assertThat(streamed.messages()).extracting(response -> response.getResults(0).getId())
                .containsExactly("a", "b", "c");

        assertThat(grpc.call(DELETE, null, DeleteRecordsRequest.newBuilder().setCollection("docs")
                .setFilterJson("{\"lang\": \"de\"}").build()).single().getDeleted()).isEqualTo(1);
        Collection described = grpc.call(DESCRIBE, null, CollectionRef.newBuilder().setName("docs").build()).single();
        assertThat(described.getLiveRecords()).isEqualTo(2);
        assertThat(described.getLiveRecords()).isEqualTo(server.get("/v1/collections/docs").json()
                .path("live_records").asLong());
        assertThat(grpc.call(LIST, null, ListCollectionsRequest.getDefaultInstance()).single().getCollectionsList())
                .extracting(Collection::getName).containsExactly("docs");
        grpc.call(DROP, null, CollectionRef.newBuilder().setName("docs").build()).single();
        assertThat(server.get("/v1/collections/docs").status()).isEqualTo(404);
    }

    @Test
    void aStreamedUpsertWritesEveryBatchInOrder() {
        createDocs();
        List<UpsertRequest> batches = new ArrayList<>();
        for (int batch = 0; batch < 40; batch++) {
            UpsertRequest.Builder request = UpsertRequest.newBuilder().setCollection("docs");
            for (int i = 0; i < 50; i++) {
                int n = batch * 50 + i;
                request.addRecords(record("r" + n, "{\"n\": " + n + "}", n, 1, 0));
            }
            batches.add(request.build());
        }
        // The same id written again in a later batch: the later one must win.
        batches.add(UpsertRequest.newBuilder().setCollection("docs").addRecords(record("r0", "{\"n\": -1}", 0, 0, 7)).build());
        Answer<UpsertResponse> answer = grpc.stream(UPSERT_STREAM, null, batches);
        assertThat(answer.single().getUpserted()).isEqualTo(2001);
        assertThat(answer.trailers().get("x-request-id")).isNotBlank();
        assertThat(server.get("/v1/collections/docs").json().path("live_records").asLong()).isEqualTo(2003);
        assertThat(server.get("/v1/collections/docs/records/r0").json().path("metadata").path("n").asInt())
                .isEqualTo(-1);
    }

    /** A compressed message is refused unread: its size bound counts the compressed bytes, which can inflate without end. */
    @Test
    void compressedMessagesAreRefusedNamingTheEncodingAccepted() {
        createDocs();
        UpsertRequest upsert = UpsertRequest.newBuilder().setCollection("docs").addRecords(record("z", "{}", 0, 0, 1)).build();
        Answer<UpsertResponse> gzipped = grpc.stream(UPSERT, null, List.of(upsert), "gzip");
        assertThat(gzipped.status()).isEqualTo(GrpcStatus.UNIMPLEMENTED);
        assertThat(gzipped.message()).contains("'gzip'").contains("identity");
        assertThat(server.get("/v1/collections/docs").json().path("live_records").asLong()).as("nothing written").isEqualTo(3);
        assertThat(grpc.stream(UPSERT, null, List.of(upsert), "identity").single().getUpserted()).isEqualTo(1);
    }

    /** Messages are bounded like REST bodies (--max-body-bytes), not by gRPC's usual 256 KiB. */
    @Test
    void upsertMessagesAreBoundedByTheBodyLimit() {
        try (ServerFixture wide = ServerFixture.open(directory.resolve("wide"),
                config -> config.withMaxBodyBytes(4L * 1024 * 1024));
             GrpcClientFixture client = new GrpcClientFixture(wide.server().port())) {
            client.call(CREATE, null, CreateCollectionRequest.newBuilder().setName("wide").setDimension(784)
                    .setMetric("l2").build()).single();
            UpsertRequest large = batchOf(500);
            assertThat(large.getSerializedSize()).isBetween(1_000_000, 4_000_000);
            assertThat(client.stream(UPSERT_STREAM, null, List.of(large)).single().getUpserted()).isEqualTo(500);
            Answer<UpsertResponse> tooLarge = client.stream(UPSERT_STREAM, null, List.of(batchOf(1_500)));
            assertThat(tooLarge.status()).isNotEqualTo(GrpcStatus.OK);
            assertThat(wide.get("/v1/collections/wide").json().path("live_records").asLong()).isEqualTo(500);
        }
    }

    private static UpsertRequest batchOf(int records) {
        UpsertRequest.Builder batch = UpsertRequest.newBuilder().setCollection("wide");
        float[] vector = new float[784];
        for (int i = 0; i < records; i++) {
            vector[i % 784] = i;
            batch.addRecords(record("w" + i, "", vector));
        }
        return batch.build();
    }

    @Test
    void badInputGetsInvalidArgumentNamingTheProblemAndChangesNothing() {
        createDocs();
        Answer<UpsertResponse> wrongDimension = grpc.call(UPSERT, null, UpsertRequest.newBuilder()
                .setCollection("docs").addRecords(record("x", "", 1, 2)).build());
        assertThat(wrongDimension.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(wrongDimension.message()).contains("dimension");
        assertThat(wrongDimension.errorCode()).isEqualTo("invalid_argument");

        Answer<UpsertResponse> badJson = grpc.call(UPSERT, null, UpsertRequest.newBuilder()
                .setCollection("docs").addRecords(record("x", "{\"lang\": ", 1, 2, 3)).build());
        assertThat(badJson.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(badJson.message()).contains("records[0].metadata_json", "malformed JSON");

        Answer<UpsertResponse> nan = grpc.call(UPSERT, null, UpsertRequest.newBuilder()
                .setCollection("docs").addRecords(record("x", "", 1, Float.NaN, 3)).build());
        assertThat(nan.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(nan.message()).containsIgnoringCase("nan");

        Answer<SearchResponse> stream = grpc.call(SEARCH_STREAM, null, SearchBatchRequest.newBuilder()
                .setCollection("docs").addQueries(query(1, "", 1, 0, 0)).addQueries(query(1, "", 1, 0)).build());
        assertThat(stream.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(stream.message()).contains("queries[1]", "dimension 2");

        Answer<Collection> unknown = grpc.call(DESCRIBE, null, CollectionRef.newBuilder().setName("nope").build());
        assertThat(unknown.status()).isEqualTo(GrpcStatus.NOT_FOUND);
        assertThat(unknown.message()).isEqualTo("collection 'nope' does not exist");
        Answer<Collection> exists = grpc.call(CREATE, null, CreateCollectionRequest.newBuilder().setName("docs")
                .setDimension(3).setMetric("l2").build());
        assertThat(exists.status()).isEqualTo(GrpcStatus.ALREADY_EXISTS);
        Answer<Collection> missing = grpc.call(CREATE, null, CreateCollectionRequest.newBuilder().setName("x").build());
        assertThat(missing.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(missing.message()).contains("dimension");

        assertThat(server.get("/v1/collections/docs").json().path("live_records").asLong()).isEqualTo(3);
        assertThat(server.get("/v1/collections/x").status()).isEqualTo(404);
        assertThat(server.get("/v1/collections/docs/records/x").status()).isEqualTo(404);
    }

    @Test
    void manyConcurrentCallsShareTheConnectionWithoutBlockingTheEventLoop() {
        createDocs();
        List<Answer<SearchResponse>> answers = IntStream.range(0, 64).parallel()
                .mapToObj(i -> grpc.call(SEARCH, null, SearchRequest.newBuilder().setCollection("docs")
                        .setQuery(query(2, "", 1, 0, 0)).build()))
                .toList();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.single().getResults(0).getId()).isEqualTo("a"));
    }
}
