package io.proximadb.server.grpc;

import static io.proximadb.server.grpc.GrpcApiTest.query;
import static io.proximadb.server.grpc.GrpcApiTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.MessageLite;
import io.proximadb.grpc.v1.CollectionRef;
import io.proximadb.grpc.v1.CreateCollectionRequest;
import io.proximadb.grpc.v1.DeleteRecordsRequest;
import io.proximadb.grpc.v1.GetRecordRequest;
import io.proximadb.grpc.v1.Ids;
import io.proximadb.grpc.v1.ListCollectionsRequest;
import io.proximadb.grpc.v1.SearchBatchRequest;
import io.proximadb.grpc.v1.SearchRequest;
import io.proximadb.grpc.v1.UpsertRequest;
import io.proximadb.server.NoBlockedThreads;
import io.proximadb.server.ServerFixture;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.Role;
import io.proximadb.server.config.RateLimit;
import io.proximadb.server.grpc.GrpcClientFixture.Answer;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every gRPC method as no key, the wrong tenant and a role too weak; the data checked unchanged after. */
@ExtendWith(NoBlockedThreads.class)
class GrpcSecurityTest {

    @TempDir
    Path directory;

    private ServerFixture server;
    private GrpcClientFixture grpc;
    private String writerA;
    private String readerA;
    private String adminA;
    private String adminB;

    /** One call of the service on tenant acme's collection {@code docs}, and the role it needs. */
    private record Call(ServiceMethod<?, MessageLite> method, MessageLite message, Role needs) {
        @SuppressWarnings("unchecked")
        static Call of(ServiceMethod<?, ?> method, MessageLite message, Role needs) {
            return new Call((ServiceMethod<?, MessageLite>) method, message, needs);
        }
    }

    private static List<Call> collectionCalls() {
        CollectionRef docs = CollectionRef.newBuilder().setName("docs").build();
        SearchBatchRequest batch = SearchBatchRequest.newBuilder().setCollection("docs")
                .addQueries(query(1, "", 1, 0, 0)).build();
        UpsertRequest upsert = UpsertRequest.newBuilder().setCollection("docs").addRecords(record("b", "", 0, 1, 0)).build();
        return List.of(
                Call.of(GrpcApiTest.DESCRIBE, docs, Role.READER),
                Call.of(GrpcApiTest.GET, GetRecordRequest.newBuilder().setCollection("docs").setId("a").build(), Role.READER),
                Call.of(GrpcApiTest.SEARCH, SearchRequest.newBuilder().setCollection("docs")
                        .setQuery(query(1, "", 1, 0, 0)).build(), Role.READER),
                Call.of(GrpcApiTest.SEARCH_BATCH, batch, Role.READER),
                Call.of(GrpcApiTest.SEARCH_STREAM, batch, Role.READER),
                Call.of(GrpcApiTest.UPSERT, upsert, Role.WRITER),
                Call.of(GrpcApiTest.UPSERT_STREAM, upsert, Role.WRITER),
                Call.of(GrpcApiTest.DELETE, DeleteRecordsRequest.newBuilder().setCollection("docs")
                        .setIds(Ids.newBuilder().addIds("a")).build(), Role.WRITER),
                Call.of(GrpcApiTest.DROP, docs, Role.WRITER));
    }

    @BeforeEach
    void start() {
        Path keyFile = directory.resolve("api-keys.json");
        ApiKeyStore keys = new ApiKeyStore(new ApiKeyFile(keyFile));
        writerA = keys.create("acme", Role.WRITER, "").key();
        readerA = keys.create("acme", Role.READER, "").key();
        adminB = keys.create("globex", Role.ADMIN, "").key();
        adminA = keys.create("acme", Role.ADMIN, "").key();
        server = ServerFixture.open(directory.resolve("data"), config -> config.withKeysFile(keyFile));
        grpc = new GrpcClientFixture(server.server().port());
        assertThat(grpc.call(GrpcApiTest.CREATE, writerA, CreateCollectionRequest.newBuilder().setName("docs")
                .setDimension(3).setMetric("l2").build()).status()).isEqualTo(GrpcStatus.OK);
        assertThat(grpc.call(GrpcApiTest.UPSERT, writerA, UpsertRequest.newBuilder().setCollection("docs")
                .addRecords(record("a", "{\"lang\": \"en\"}", 1, 0, 0)).build()).status()).isEqualTo(GrpcStatus.OK);
    }

    @Test
    void revokingTheKeyOfAStreamedUpsertEndsItAtItsNextBatch() throws Exception {
        List<UpsertRequest> batches = new java.util.ArrayList<>();
        for (int batch = 0; batch < 2_000; batch++) {
            UpsertRequest.Builder request = UpsertRequest.newBuilder().setCollection("docs");
            for (int i = 0; i < 100; i++) {
                request.addRecords(record("s" + batch + "-" + i, "", batch, i, 1));
            }
            batches.add(request.build());
        }
        var streaming = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> grpc.stream(GrpcApiTest.UPSERT_STREAM, writerA, batches));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (liveRecords() <= 1 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        String keyId = writerA.split("_")[1]; // pxk_<id>_<secret>
        assertThat(server.send("DELETE", "/v1/keys/" + keyId, null, adminA).status()).isEqualTo(204);
        Answer<?> ended = streaming.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ended.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
        assertThat(ended.message()).contains("revoked");
        assertThat(liveRecords()).as("the batches after the revocation were not written").isLessThan(1 + 2_000 * 100);
    }

    private long liveRecords() {
        return server.send("GET", "/v1/collections/docs", null, readerA).json().path("live_records").asLong();
    }

    @AfterEach
    void stop() {
        grpc.close();
        server.close();
    }

    @Test
    void everyMethodWithoutAValidKeyIsUnauthenticated() {
        for (Call call : collectionCalls()) {
            for (String key : new String[] {null, "pxk_aaaaaaaaaaaa_" + "A".repeat(43)}) {
                Answer<?> answer = grpc.call(call.method(), key, call.message());
                assertThat(answer.status()).as(call.method().methodName()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
                assertThat(answer.errorCode()).isEqualTo("unauthenticated");
            }
        }
        assertUnchanged();
    }

    @Test
    void anotherTenantSeesNothingAndARoleTooWeakIsDenied() {
        for (Call call : collectionCalls()) {
            Answer<?> foreign = grpc.call(call.method(), adminB, call.message());
            assertThat(foreign.status()).as(call.method().methodName()).isEqualTo(GrpcStatus.NOT_FOUND);
            assertThat(foreign.message()).isEqualTo("collection 'docs' does not exist");
            Answer<?> asReader = grpc.call(call.method(), readerA, call.message());
            assertThat(asReader.status()).as(call.method().methodName())
                    .isEqualTo(call.needs() == Role.READER ? GrpcStatus.OK : GrpcStatus.PERMISSION_DENIED);
        }
        assertThat(grpc.call(GrpcApiTest.LIST, adminB, ListCollectionsRequest.getDefaultInstance()).single()
                .getCollectionsCount()).isZero();
        assertThat(grpc.call(GrpcApiTest.CREATE, readerA, CreateCollectionRequest.newBuilder().setName("x")
                .setDimension(3).setMetric("l2").build()).status()).isEqualTo(GrpcStatus.PERMISSION_DENIED);
        assertUnchanged();
    }

    @Test
    void restAndGrpcDrawOnOneRateLimitBucket() {
        try (ServerFixture limited = ServerFixture.open(directory.resolve("limited"), config -> config
                .withKeysFile(directory.resolve("api-keys.json")).withRateLimit(new RateLimit(0.01, 2)));
             GrpcClientFixture client = new GrpcClientFixture(limited.server().port())) {
            assertThat(limited.send("GET", "/v1/collections", null, readerA).status()).isEqualTo(200);
            assertThat(client.call(GrpcApiTest.LIST, readerA, ListCollectionsRequest.getDefaultInstance()).status())
                    .isEqualTo(GrpcStatus.OK);
            Answer<?> refused = client.call(GrpcApiTest.LIST, readerA, ListCollectionsRequest.getDefaultInstance());
            assertThat(refused.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
            assertThat(refused.errorCode()).isEqualTo("rate_limited");
            assertThat(Long.parseLong(refused.trailers().get("retry-after"))).isPositive();
        }
    }

    @Test
    void eachBatchOfAStreamedUpsertCountsAgainstTheRateLimit() {
        try (ServerFixture limited = ServerFixture.open(directory.resolve("limited"), config -> config
                .withKeysFile(directory.resolve("api-keys.json")).withRateLimit(new RateLimit(0.01, 3)));
             GrpcClientFixture client = new GrpcClientFixture(limited.server().port())) {
            assertThat(client.call(GrpcApiTest.CREATE, writerA, CreateCollectionRequest.newBuilder().setName("docs")
                    .setDimension(3).setMetric("l2").build()).status()).isEqualTo(GrpcStatus.OK); // token 1 of 3
            List<UpsertRequest> batches = new java.util.ArrayList<>();
            for (int batch = 0; batch < 5; batch++) {
                batches.add(UpsertRequest.newBuilder().setCollection("docs").addRecords(record("r" + batch, "", batch, 0, 0)).build());
            }
            // admission pays for the first batch (token 2), the second takes token 3, the third finds none
            Answer<?> streamed = client.stream(GrpcApiTest.UPSERT_STREAM, writerA, batches);
            assertThat(streamed.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
            assertThat(streamed.errorCode()).isEqualTo("rate_limited");
            assertThat(limited.send("GET", "/v1/collections/docs/records/r1", null, readerA).status()).isEqualTo(200);
            assertThat(limited.send("GET", "/v1/collections/docs/records/r2", null, readerA).status())
                    .as("the third batch was refused (the reader has a bucket of its own)").isEqualTo(404);
        }
    }

    private void assertUnchanged() {
        assertThat(server.send("GET", "/v1/collections/docs", null, readerA).json().path("live_records").asLong())
                .isEqualTo(1);
        assertThat(server.send("GET", "/v1/collections/docs/records/b", null, readerA).status()).isEqualTo(404);
    }
}
