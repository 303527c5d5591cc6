package io.proximadb.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.Change;
import io.proximadb.api.ChangeListener;
import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.ProximaDB;
import io.proximadb.kernel.filter.FilterParser;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.VectorRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watch} over the server's WebSocket delivers what the engine's own feed delivers, and ends as it does. */
class WatchTest {

    @TempDir
    Path directory;

    /** Collects changes, and how the feed ended. */
    private static final class Recorder implements ChangeListener {
        final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final List<String> threads = new ArrayList<>();

        @Override
        public void onChange(Change change) {
            changes.add(change);
        }

        @Override
        public void onClosed(String reason, boolean overflowed) {
            closed.complete(reason + " overflowed=" + overflowed);
        }

        List<String> take(int count) throws InterruptedException {
            List<String> rendered = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Change change = changes.poll(10, TimeUnit.SECONDS);
                assertThat(change).as("change " + i + " of " + count + " after " + rendered).isNotNull();
                rendered.add(change.sequence() + " " + change.kind() + " " + change.id() + " "
                        + (change.record() == null ? "-" : Transcript.render(change.record())));
            }
            return rendered;
        }
    }

    @Test
    void theRemoteFeedDeliversWhatTheEngineFeedDelivers() throws Exception {
        List<String> embedded;
        try (ProximaDB db = ProximaDB.open(directory.resolve("embedded"))) {
            embedded = watchWrites(db);
        }
        List<String> remote;
        try (LiveServer server = LiveServer.start(directory.resolve("served")); ProximaDB db = server.connect()) {
            remote = watchWrites(db);
        }
        assertThat(remote).containsExactlyElementsOf(embedded);
        assertThat(embedded).hasSize(7);
    }

    private static List<String> watchWrites(ProximaDB db) throws Exception {
        Collection docs = db.createCollection(CollectionConfig.of("docs", 2, Metric.L2));
        docs.upsert(new VectorRecord("before", new float[] {9, 9}));
        Recorder recorder = new Recorder();
        List<String> seen;
        try (AutoCloseable feed = docs.watch(recorder)) {
            docs.upsert(new VectorRecord("a", new float[] {1, 2}, MetadataJson.parseObject("{\"lang\": \"en\", \"n\": 1.5}")));
            docs.upsert(List.of(new VectorRecord("b", new float[] {3, 4}), new VectorRecord("c", new float[] {5, 6},
                    MetadataJson.parseObject("{\"lang\": \"de\", \"tags\": [1, \"x\"]}"))));
            docs.upsert(new VectorRecord("t", new float[] {0, 0}), Duration.ofHours(1));
            docs.delete("b");
            docs.delete(FilterParser.parse("{\"lang\": {\"$in\": [\"en\", \"de\"]}}"));
            seen = recorder.take(7);
            assertThat(recorder.changes).isEmpty();
        }
        assertThat(recorder.closed.get(10, TimeUnit.SECONDS)).endsWith("overflowed=false");
        // Nothing after the subscription is closed.
        docs.upsert(new VectorRecord("late", new float[] {1, 1}));
        Thread.sleep(200);
        assertThat(recorder.changes).isEmpty();
        return seen;
    }

    @Test
    void droppingTheCollectionEndsTheFeed() throws Exception {
        try (LiveServer server = LiveServer.start(directory.resolve("drop")); RemoteDatabase db = server.connect()) {
            RemoteCollection docs = db.createCollection(CollectionConfig.of("docs", 2, Metric.L2));
            Recorder recorder = new Recorder();
            try (AutoCloseable feed = docs.watch(recorder)) {
                docs.upsert(new VectorRecord("a", new float[] {1, 2}));
                assertThat(recorder.take(1)).singleElement().asString().contains("UPSERT a");
                db.dropCollection("docs");
                assertThat(recorder.closed.get(10, TimeUnit.SECONDS)).endsWith("overflowed=false");
            }
        }
    }

    @Test
    void aMissingCollectionCannotBeWatched() {
        try (LiveServer server = LiveServer.start(directory.resolve("missing")); RemoteDatabase db = server.connect()) {
            RemoteCollection ghost = new RemoteCollection(db, "ghost");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ghost.watch(new Recorder()))
                    .isInstanceOf(io.proximadb.api.ProximaException.CollectionNotFound.class)
                    .hasMessage("collection 'ghost' does not exist");
        }
    }
}
