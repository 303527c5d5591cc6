package io.proximadb.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.Change;
import io.proximadb.api.ChangeListener;
import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.ProximaDB;
import io.proximadb.api.Records;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.kernel.filter.FilterParser;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.wal.WalEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Collection#watch}: every acknowledged write, once, in order, visible when delivered. */
class ChangeFeedTest {

    @TempDir
    Path directory;

    private ProximaDB db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    /** Collects changes and the end of the feed. */
    private static class Recorder implements ChangeListener {
        final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile String reason;
        volatile boolean overflowed;
        final List<String> invisible = new java.util.concurrent.CopyOnWriteArrayList<>();
        Collection readBack;

        @Override
        public void onChange(Change change) {
            if (readBack != null && change.kind() == Change.Kind.UPSERT && readBack.get(change.id()).isEmpty()) {
                invisible.add(change.id());
            }
            changes.add(change);
        }

        @Override
        public void onClosed(String why, boolean lost) {
            reason = why;
            overflowed = lost;
            closed.countDown();
        }

        Change next() throws InterruptedException {
            Change change = changes.poll(30, TimeUnit.SECONDS);
            assertThat(change).as("a change within 30 s").isNotNull();
            return change;
        }
    }

    @Test
    void concurrentWritersAreSeenOnceEachInSequenceOrderAndAlreadyVisible() throws Exception {
        db = ProximaDB.open(ProximaConfig.defaults().withDataDirectory(directory));
        Collection docs = db.createCollection(CollectionConfig.of("docs", 2, Metric.L2));
        Recorder recorder = new Recorder();
        recorder.readBack = docs;
        try (AutoCloseable ignored = docs.watch(recorder)) {
            int writers = 4;
            int perWriter = 500;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            for (int w = 0; w < writers; w++) {
                int writer = w;
                pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        docs.upsert(Records.of("w" + writer + "-" + i, new float[] {writer, i}, "{\"writer\": " + writer + "}"));
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            long deleted = docs.delete(FilterParser.parse("{\"writer\": 0}"));
            assertThat(deleted).isEqualTo(perWriter);

            List<Change> seen = new ArrayList<>();
            for (int i = 0; i < writers * perWriter + deleted; i++) {
                seen.add(recorder.next());
            }
            assertThat(seen).extracting(Change::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(seen.subList(0, writers * perWriter)).allSatisfy(change ->
                    assertThat(change.kind()).isEqualTo(Change.Kind.UPSERT));
            assertThat(seen.subList(0, writers * perWriter)).extracting(Change::id).doesNotHaveDuplicates()
                    .hasSize(writers * perWriter);
            assertThat(seen.subList(writers * perWriter, seen.size())).allSatisfy(change -> {
                assertThat(change.kind()).isEqualTo(Change.Kind.DELETE);
                assertThat(change.id()).startsWith("w0-");
            });
            assertThat(recorder.invisible).as("delivered before reads could see them").isEmpty();
            assertThat(recorder.changes.poll(100, TimeUnit.MILLISECONDS)).isNull();
        }
        assertThat(recorder.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(recorder.reason).isEqualTo("closed by the subscriber");
        assertThat(recorder.overflowed).isFalse();
        // After the subscription closed, writes go nowhere.
        docs.upsert(Records.of("late", new float[] {0, 0}, "{}"));
        assertThat(recorder.changes).isEmpty();
    }

    @Test
    void droppingTheCollectionEndsItsFeeds() throws Exception {
        db = ProximaDB.open(ProximaConfig.defaults().withDataDirectory(directory));
        Collection docs = db.createCollection(CollectionConfig.of("docs", 2, Metric.L2));
        Recorder recorder = new Recorder();
        docs.watch(recorder);
        docs.upsert(Records.of("a", new float[] {1, 0}, "{}"));
        assertThat(recorder.next().id()).isEqualTo("a");
        db.dropCollection("docs");
        assertThat(recorder.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(recorder.reason).contains("closed or dropped");
    }

    @Test
    void aListenerThatFallsBehindIsEndedAsOverflowedWithoutHoldingWritersBack() throws Exception {
        VisibleSequence visible = new VisibleSequence(0);
        ChangeFeed feed = new ChangeFeed("docs", visible);
        CountDownLatch release = new CountDownLatch(1);
        Recorder recorder = new Recorder() {
            @Override
            public void onChange(Change change) {
                try {
                    release.await(); // a consumer that never keeps up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        feed.subscribe(recorder, 8);
        for (long sequence = 1; sequence <= 20; sequence++) {
            feed.offer(List.of(new WalEntry.Delete(sequence, "docs", "r" + sequence)));
            visible.complete(sequence, sequence);
        }
        assertThat(recorder.closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(recorder.overflowed).isTrue();
        assertThat(recorder.reason).contains("fell more than 8 changes behind");
        assertThat(feed.subscriptions()).isZero();
        release.countDown();
    }
}
