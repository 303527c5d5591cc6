package io.proximadb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.proximadb.api.ChangeListener;
import io.proximadb.api.Change;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.ProximaException;
import io.proximadb.api.SearchRequest;
import io.proximadb.api.WriteBatch;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.Role;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys as the server expects them, and every server error as a typed exception with code, message and request id. */
class SecurityAndErrorsTest {

    @TempDir
    Path directory;

    private LiveServer server;
    private String writerA;
    private String readerA;
    private String writerB;

    @BeforeEach
    void start() {
        Path keyFile = directory.resolve("api-keys.json");
        ApiKeyStore keys = new ApiKeyStore(new ApiKeyFile(keyFile));
        writerA = keys.create("acme", Role.WRITER, "").key();
        readerA = keys.create("acme", Role.READER, "").key();
        writerB = keys.create("globex", Role.WRITER, "").key();
        server = LiveServer.start(directory.resolve("data"), config -> config.withKeysFile(keyFile));
        try (RemoteDatabase db = server.connect(ClientOptions.defaults().withApiKey(writerA))) {
            db.createCollection(CollectionConfig.of("docs", 3, Metric.L2)).upsert(new VectorRecord("a", new float[] {1, 2, 3}));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aKeySeesItsTenantsCollections() {
        try (RemoteDatabase reader = server.connect(ClientOptions.defaults().withApiKey(readerA))) {
            assertThat(reader.listCollections()).extracting(info -> info.name()).containsExactly("docs");
            assertThat(reader.collection("docs").get("a")).isPresent();
            assertThat(reader.collection("docs").search(SearchRequest.of(new float[] {1, 2, 3}, 1)))
                    .extracting(hit -> hit.id()).containsExactly("a");
        }
    }

    @Test
    void noKeyOrAnUnknownKeyIsUnauthenticated() {
        try (RemoteDatabase anonymous = server.connect(); RemoteDatabase wrong = server.connect(
                ClientOptions.defaults().withApiKey("pk_not-a-real-key"))) {
            for (RemoteDatabase db : new RemoteDatabase[] {anonymous, wrong}) {
                ServerException.Unauthenticated e = catchThrowableOfType(ServerException.Unauthenticated.class,
                        db::listCollections);
                assertThat(e.code()).isEqualTo("unauthenticated");
                assertThat(e.grpcStatus()).isEqualTo("UNAUTHENTICATED");
                assertThat(e.getMessage()).isNotBlank();
                assertThat(e.requestId()).hasValueSatisfying(id -> assertThat(id).isNotBlank());
            }
        }
    }

    @Test
    void aRoleTooWeakIsPermissionDeniedAndChangesNothing() {
        try (RemoteDatabase reader = server.connect(ClientOptions.defaults().withApiKey(readerA))) {
            var docs = reader.collection("docs");
            ServerException.PermissionDenied e = catchThrowableOfType(ServerException.PermissionDenied.class,
                    () -> docs.delete("a"));
            assertThat(e.code()).isEqualTo("permission_denied");
            assertThat(e.getMessage()).contains("writer");
            assertThat(e.requestId()).isPresent();
            assertThat(docs.get("a")).isPresent();
        }
    }

    @Test
    void anotherTenantsCollectionIsNotFoundAsInTheEngine() {
        try (RemoteDatabase other = server.connect(ClientOptions.defaults().withApiKey(writerB))) {
            ProximaException.CollectionNotFound e = catchThrowableOfType(ProximaException.CollectionNotFound.class,
                    () -> other.collection("docs"));
            assertThat(e.getMessage()).isEqualTo("collection 'docs' does not exist");
            assertThat(e.code()).isEqualTo("not_found");
            assertThat(e.requestId()).isPresent();
            // Its own "docs" is another collection.
            other.createCollection(CollectionConfig.of("docs", 2, Metric.L2));
            assertThat(other.collection("docs").describe().spec().dimension()).isEqualTo(2);
        }
    }

    @Test
    void engineErrorsKeepTheirTypeAndGainTheRequestId() {
        try (RemoteDatabase db = server.connect(ClientOptions.defaults().withApiKey(writerA))) {
            var docs = db.collection("docs");
            ProximaException.InvalidArgument invalid = catchThrowableOfType(ProximaException.InvalidArgument.class,
                    () -> docs.upsert(new VectorRecord("b", new float[] {1, 2})));
            assertThat(invalid.code()).isEqualTo("invalid_argument");
            // The server names the engine's collection (acme__docs), not the tenant's name: reported, not hidden here.
            assertThat(invalid.getMessage()).startsWith("vector of record 'b' has dimension 2, collection '");
            assertThat(invalid.requestId()).hasValueSatisfying(id -> assertThat(id).isNotBlank());

            ProximaException.CollectionExists exists = catchThrowableOfType(ProximaException.CollectionExists.class,
                    () -> db.createCollection(CollectionConfig.of("docs", 3, Metric.L2)));
            assertThat(exists.requestId()).isPresent();
            // Two calls, two requests.
            assertThat(exists.requestId()).isNotEqualTo(invalid.requestId());
        }
    }

    @Test
    void refusesWhatTheServerCannotDoAsTheEngineWould() {
        try (RemoteDatabase db = server.connect(ClientOptions.defaults().withApiKey(writerA))) {
            var docs = db.collection("docs");
            WriteBatch mixed = new WriteBatch().upsert(new VectorRecord("b", new float[] {1, 1, 1})).delete("a");
            assertThatThrownBy(() -> docs.write(mixed)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("upserts or deletes, not both");
            assertThat(docs.get("b")).isEmpty();
            assertThat(docs.get("a")).isPresent();
            assertThatThrownBy(docs::flush).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("flush");
            assertThatThrownBy(docs::compact).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("merge");
            long past = System.currentTimeMillis() - 1000;
            assertThatThrownBy(() -> docs.upsert(new VectorRecord("c", new float[] {1, 1, 1}, Value.Obj.EMPTY, past)))
                    .isInstanceOf(ProximaException.InvalidArgument.class).hasMessageContaining("expired at");
        }
    }

    @Test
    void aCallPastItsDeadlineIsATimeout() {
        try (RemoteDatabase db = server.connect(ClientOptions.defaults().withApiKey(writerA).withTimeout(Duration.ofNanos(1)))) {
            ServerException.Timeout e = catchThrowableOfType(ServerException.Timeout.class, db::listCollections);
            assertThat(e.code()).isEqualTo("deadline_exceeded");
            assertThat(e.getMessage()).contains("deadline");
        }
    }

    @Test
    void theChangeFeedSendsTheKeyAndIsRefusedWithoutOne() throws Exception {
        ChangeListener ignore = change -> { };
        try (RemoteDatabase anonymous = server.connect(); RemoteDatabase other = server.connect(
                ClientOptions.defaults().withApiKey(writerB)); RemoteDatabase reader = server.connect(
                ClientOptions.defaults().withApiKey(readerA)); RemoteDatabase writer = server.connect(
                ClientOptions.defaults().withApiKey(writerA))) {
            RemoteCollection mine = reader.collection("docs");
            // A collection handle of another client pointed at the same name, to reach the feed without a key.
            RemoteCollection unauthenticated = new RemoteCollection(anonymous, "docs");
            RemoteCollection foreign = new RemoteCollection(other, "docs");
            assertThatThrownBy(() -> unauthenticated.watch(ignore)).isInstanceOf(ServerException.Unauthenticated.class);
            assertThatThrownBy(() -> foreign.watch(ignore)).isInstanceOf(ProximaException.CollectionNotFound.class);
            var received = new java.util.concurrent.LinkedBlockingQueue<Change>();
            try (AutoCloseable feed = mine.watch(received::add)) {
                writer.collection("docs").delete("a");
                assertThat(received.poll(10, java.util.concurrent.TimeUnit.SECONDS))
                        .extracting(Change::kind, Change::id).containsExactly(Change.Kind.DELETE, "a");
            }
        }
    }
}
