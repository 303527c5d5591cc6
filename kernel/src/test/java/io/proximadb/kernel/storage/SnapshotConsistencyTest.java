package io.proximadb.kernel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.kernel.config.StorageConfig;
import io.proximadb.kernel.plugin.PluginKind;
import io.proximadb.kernel.plugin.PluginRegistry;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.QueryWorkload;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.segment.SegmentWriteOptions;
import io.proximadb.spi.vector.VectorKernelsProvider;
import io.proximadb.spi.wal.WalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot pairs a version with a sequence. Here the storage's published sequence is read
 * through a hook that, the moment a reader has taken the version, installs a newer one (a flush,
 * or a merge) and applies a write on top of it: the interleaving a reader loses to a background
 * install. The reader must come back with a pair in which every record is the newest version of
 * its id as of the sequence, and no id appears twice.
 */
class SnapshotConsistencyTest {

    private static final String ID = "doc";

    @TempDir
    Path directory;

    private final AtomicLong published = new AtomicLong();
    private final AtomicReference<Runnable> beforeNextRead = new AtomicReference<>();
    /**
     * The test's own thread, the only one whose read runs the hook: the merge thread takes
     * snapshots too (a background merge starts after a flush leaves two segments), and a hook it
     * took would leave the test's read without its interleaving, and the merge thread waiting on
     * itself in {@code compact()}.
     */
    private Thread reader;
    /** Holds a flush inside its index build, after the freeze and before the install, until counted down. */
    private CountDownLatch indexBuildMayStart = new CountDownLatch(0);
    private CollectionStorage storage;

    @BeforeEach
    void open() throws IOException {
        reader = Thread.currentThread(); // JUnit runs @BeforeEach on the test's thread
        ProximaConfig config = ProximaConfig.defaults().withDataDirectory(directory)
                .with("compaction.min_merge", 2).with("compaction.max_merge", 2);
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        FileSystem fs = plugins.get(PluginKind.FILESYSTEM, config.filesystem()).open(directory);
        StorageConfig storageConfig = config.storage();
        SegmentWriteOptions options = new SegmentWriteOptions(2, storageConfig.compression(),
                storageConfig.compressionLevel(), storageConfig.bitmapMaxDistinct());
        storage = CollectionStorage.open("docs", fs, "docs", segments -> new SegmentFiles(fs, segments,
                        plugins.get(PluginKind.SEGMENT_FORMAT, storageConfig.segmentFormat()), options,
                        plugins.get(PluginKind.INDEX, "flat"), new IndexSpec(2, Metric.L2, Map.of()),
                        VectorKernelsProvider.best(), () -> {
                            awaitQuietly(indexBuildMayStart);
                            return QueryWorkload.NONE;
                        }),
                plugins.get(PluginKind.MEMTABLE, config.defaultMemtable()), storageConfig, Clock.systemUTC(),
                () -> {
                    Runnable hook = Thread.currentThread() == reader ? beforeNextRead.getAndSet(null) : null;
                    if (hook != null) {
                        hook.run();
                    }
                    return published.get();
                });
        storage.start(published::get, sequence -> { });
    }

    @AfterEach
    void close() throws IOException {
        storage.close();
    }

    @Test
    void aFlushInstalledWhileTheSnapshotIsTakenHidesNoWriteAfterIt() {
        write(ID, 1);
        beforeNextRead.set(() -> {
            flush();
            write(ID, 2);
        });
        try (Snapshot snapshot = storage.snapshot()) {
            assertThat(visibleVersions(snapshot, ID)).containsExactly(2f);
        }
    }

    @Test
    void aMergeInstalledWhileTheSnapshotIsTakenLeavesOneCopyOfEachId() throws IOException {
        write(ID, 1);
        write("other", 2);
        flush();
        write("third", 3);
        flush();
        beforeNextRead.set(() -> {
            compact();
            write(ID, 4);
        });
        try (Snapshot snapshot = storage.snapshot()) {
            assertThat(visibleVersions(snapshot, ID)).containsExactly(4f);
            assertThat(snapshot.version().segments()).hasSize(1);
        }
    }

    @Test
    void aFrozenMemtableFlushedWhileTheSnapshotIsTakenIsNotSeenBesideTheWriteThatReplacedIt() throws Exception {
        write(ID, 1);
        indexBuildMayStart = new CountDownLatch(1);
        Thread flush = Thread.ofPlatform().start(this::flush);
        while (storage.stats(0).frozenMemtables() == 0) {
            Thread.onSpinWait(); // the freeze is quick; the flush then waits in its index build
        }
        beforeNextRead.set(() -> {
            indexBuildMayStart.countDown();
            joinQuietly(flush);
            write(ID, 2);
        });
        try (Snapshot snapshot = storage.snapshot()) {
            assertThat(visibleVersions(snapshot, ID)).containsExactly(2f);
        }
    }

    /** Upserts {@code id} with its version in the vector's first component, and publishes it. */
    @Test
    void aSnapshotAskedForAfterCloseFailsInsteadOfWaitingForAVersionThatNeverComes() throws IOException {
        write("a", 1);
        storage.close();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(storage::snapshot).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed"));
        storage.close(); // twice is harmless, and the teardown closes it again
    }

    private void write(String id, long sequence) {
        storage.writeGate().lock();
        try {
            storage.apply(new WalEntry.Upsert(sequence, "docs",
                    new VectorRecord(id, new float[] {sequence, 0})));
        } finally {
            storage.writeGate().unlock();
        }
        published.set(sequence);
    }

    private void flush() {
        try {
            storage.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void compact() {
        try {
            storage.compact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every copy of {@code id} a reader of the snapshot would meet: memtable rows, then live segment records. */
    private static List<Float> visibleVersions(Snapshot snapshot, String id) {
        List<Float> versions = new ArrayList<>();
        for (MemtableRows rows : snapshot.version().memtableRows()) {
            rows.forEachLive(snapshot.sequence(), 0, record -> {
                if (record.id().equals(id)) {
                    versions.add(record.vector()[0]);
                }
            });
        }
        for (LiveSegment segment : snapshot.version().segments()) {
            int ordinal = segment.ordinalOf(id);
            if (ordinal >= 0 && !segment.isDeleted(ordinal, snapshot.sequence())) {
                versions.add(segment.segment().vectorValues().vector(ordinal)[0]);
            }
        }
        return versions;
    }
}
