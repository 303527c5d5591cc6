package io.proximadb.kernel.storage;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A merge whose manifest write fails (a full disk): its inputs are no longer served, and their files go with the next manifest. */
class MergeManifestFailureTest {

    @TempDir
    Path directory;

    private final AtomicLong published = new AtomicLong();

    @Test
    void theInputsOfAMergeWhoseManifestFailedGoWithTheNextManifest() throws Exception {
        AtomicBoolean mergeDiskFull = new AtomicBoolean();
        ProximaConfig config = ProximaConfig.defaults().withDataDirectory(directory)
                .with("compaction.min_merge", 2).with("compaction.max_merge", 2);
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        // the merge thread's manifest only: the flushes around it write theirs
        FileSystem fs = FailingCreates.wrap(plugins.get(PluginKind.FILESYSTEM, config.filesystem()).open(directory),
                path -> mergeDiskFull.get() && path.endsWith(ManifestFile.TEMPORARY)
                        && Thread.currentThread().getName().startsWith("merge-"));
        StorageConfig storageConfig = config.storage();
        SegmentWriteOptions options = new SegmentWriteOptions(2, storageConfig.compression(),
                storageConfig.compressionLevel(), storageConfig.bitmapMaxDistinct());
        try (CollectionStorage storage = CollectionStorage.open("docs", fs, "docs", segments -> new SegmentFiles(fs, segments,
                        plugins.get(PluginKind.SEGMENT_FORMAT, storageConfig.segmentFormat()), options,
                        plugins.get(PluginKind.INDEX, "flat"), new IndexSpec(2, Metric.L2, Map.of()),
                        VectorKernelsProvider.best(), () -> QueryWorkload.NONE),
                plugins.get(PluginKind.MEMTABLE, config.defaultMemtable()), storageConfig, Clock.systemUTC(), published::get)) {
            storage.start(published::get, sequence -> { });
            write(storage, "a", 1);
            storage.flush();
            List<String> first = segmentFiles(fs);
            mergeDiskFull.set(true);
            write(storage, "b", 2);
            storage.flush(); // two segments: the merge runs in the background, and its manifest write fails
            List<String> inputs = segmentFiles(fs);
            assertThat(inputs).hasSizeGreaterThan(first.size());
            awaitSegmentsServed(storage, 1);

            mergeDiskFull.set(false);
            write(storage, "c", 3);
            storage.flush(); // a manifest that names the merged segment, not its inputs
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (inputs.stream().anyMatch(segmentFiles(fs)::contains) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(segmentFiles(fs)).as("the failed merge's inputs are gone").doesNotContainAnyElementsOf(inputs);
        }
    }

    private void write(CollectionStorage storage, String id, long sequence) {
        storage.writeGate().lock();
        try {
            storage.apply(new WalEntry.Upsert(sequence, "docs", new VectorRecord(id, new float[] {sequence, 0})));
        } finally {
            storage.writeGate().unlock();
        }
        published.set(sequence);
    }

    private static void awaitSegmentsServed(CollectionStorage storage, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Snapshot snapshot = storage.snapshot()) {
                if (snapshot.version().segments().size() == count) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the merge did not install its segment within 30 s");
    }

    /** The segment data files (not their index or deletion files) on disk. */
    private static List<String> segmentFiles(FileSystem fs) throws IOException {
        return fs.list("docs/segments").stream().filter(name -> name.matches("seg-\\d{10}\\.[a-z0-9]+")).sorted().toList();
    }
}
