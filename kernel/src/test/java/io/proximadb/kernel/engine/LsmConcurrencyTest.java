package io.proximadb.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers, flushes, merges and readers at once, every read checked against a model. Each writer
 * owns its ids and writes numbered versions of them (every fourth version a delete), publishing
 * the version it started and the one acknowledged. A read of an id that began after version
 * {@code lo} was acknowledged and ended before version {@code hi + 1} started must see a version
 * in {@code [lo, hi]}: never an older one (a lost write or a resurrected copy), never a newer one.
 * Searches are checked the same way for every hit, and must not return an id twice.
 */
class LsmConcurrencyTest {

    private static final int WRITERS = 3;
    private static final int IDS_PER_WRITER = 40;
    private static final int IDS = WRITERS * IDS_PER_WRITER;

    @TempDir
    Path directory;

    private final AtomicIntegerArray started = new AtomicIntegerArray(IDS);
    private final AtomicIntegerArray acknowledged = new AtomicIntegerArray(IDS);
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    private static boolean isDelete(int version) {
        return version % 4 == 0;
    }

    private static String id(int index) {
        return "w" + (index / IDS_PER_WRITER) + "-" + (index % IDS_PER_WRITER);
    }

    private static float[] vector(int index, int version) {
        return new float[] {index, version % 13, (index * 7 + version) % 5};
    }

    @Test
    void everyReadSeesAVersionBetweenTheLastAcknowledgedAndTheLastStarted() throws Exception {
        ProximaConfig config = ProximaConfig.defaults().withDataDirectory(directory)
                .with("storage.flush_bytes", 16 * 1024).with("compaction.min_merge", 2)
                .with("compaction.max_merge", 4).with("wal.fsync", "none");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        try (EmbeddedDatabase db = EmbeddedDatabase.open(config)) {
            Collection docs = db.createCollection(CollectionConfig.of("docs", 3, Metric.L2));
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                threads.add(Thread.ofPlatform().start(() -> write(docs, writer, stop)));
            }
            threads.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    docs.flush();
                    docs.compact();
                }
            }));
            for (int r = 0; r < 2; r++) {
                int reader = r;
                threads.add(Thread.ofPlatform().start(() -> read(docs, reader, stop, reads)));
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(3));
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(failures).isEmpty();
            assertThat(reads.get()).isPositive();
            assertThat(docs.describe().storage().flushes()).isPositive();
            checkFinalState(docs);
        }
        try (EmbeddedDatabase reopened = EmbeddedDatabase.open(config)) {
            checkFinalState(reopened.collection("docs"));
        }
    }

    private void write(Collection docs, int writer, AtomicBoolean stop) {
        Random random = new Random(writer);
        int[] versions = new int[IDS_PER_WRITER];
        while (!stop.get()) {
            int local = random.nextInt(IDS_PER_WRITER);
            int index = writer * IDS_PER_WRITER + local;
            int version = ++versions[local];
            started.set(index, version);
            if (isDelete(version)) {
                docs.delete(id(index));
            } else {
                docs.upsert(new VectorRecord(id(index), vector(index, version),
                        new Value.Obj(Map.of("v", new Value.Int(version), "w", new Value.Int(writer)))));
            }
            acknowledged.set(index, version);
        }
    }

    private void read(Collection docs, int reader, AtomicBoolean stop, AtomicLong reads) {
        Random random = new Random(100 + reader);
        while (!stop.get()) {
            int index = random.nextInt(IDS);
            int lo = acknowledged.get(index);
            Optional<VectorRecord> got = docs.get(id(index));
            int hi = started.get(index);
            check(id(index), lo, hi, got.map(r -> (int) ((Value.Int) r.metadata().fields().get("v")).value()).orElse(-1));
            got.ifPresent(r -> {
                int v = (int) ((Value.Int) r.metadata().fields().get("v")).value();
                if (!java.util.Arrays.equals(r.vector(), vector(index, v))) {
                    failures.add("get(" + id(index) + ") returned the vector of another version");
                }
            });
            int writer = random.nextInt(WRITERS);
            int[] los = new int[IDS];
            for (int i = 0; i < IDS; i++) {
                los[i] = acknowledged.get(i);
            }
            List<SearchHit> hits = docs.search(SearchRequest.of(new float[] {writer * IDS_PER_WRITER, 3, 2}, 15)
                    .withFilter("{\"w\": " + writer + "}").withMetadata());
            Set<String> seen = new HashSet<>();
            for (SearchHit hit : hits) {
                if (!seen.add(hit.id())) {
                    failures.add("search returned " + hit.id() + " twice");
                }
                int i = writer * IDS_PER_WRITER + Integer.parseInt(hit.id().substring(hit.id().indexOf('-') + 1));
                int v = (int) ((Value.Int) hit.metadata().fields().get("v")).value();
                if (v < los[i] || v > started.get(i) || isDelete(v)) {
                    failures.add("search saw " + hit.id() + " at version " + v + ", outside [" + los[i] + ", "
                            + started.get(i) + "]");
                }
            }
            reads.incrementAndGet();
        }
    }

    /** {@code seen} is the version read, -1 for absent. */
    private void check(String id, int lo, int hi, int seen) {
        if (seen == -1) {
            boolean absentPossible = lo == 0;
            for (int v = Math.max(lo, 1); v <= hi && !absentPossible; v++) {
                absentPossible = isDelete(v);
            }
            if (!absentPossible) {
                failures.add("get(" + id + ") found nothing, but versions " + lo + ".." + hi + " are all upserts");
            }
        } else if (seen < lo || seen > hi || isDelete(seen)) {
            failures.add("get(" + id + ") saw version " + seen + ", outside [" + lo + ", " + hi + "]");
        }
    }

    private void checkFinalState(Collection docs) {
        long live = 0;
        for (int index = 0; index < IDS; index++) {
            int last = acknowledged.get(index);
            Optional<VectorRecord> got = docs.get(id(index));
            if (last == 0 || isDelete(last)) {
                assertThat(got).as(id(index)).isEmpty();
            } else {
                live++;
                assertThat(got).as(id(index)).isPresent();
                assertThat(got.get().metadata().fields().get("v")).isEqualTo(new Value.Int(last));
            }
        }
        assertThat(docs.describe().liveRecords()).isEqualTo(live);
    }
}
