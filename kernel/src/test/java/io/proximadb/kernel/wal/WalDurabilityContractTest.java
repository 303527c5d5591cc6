package io.proximadb.kernel.wal;

import static io.proximadb.kernel.wal.WalModel.DIR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.wal.WalEntry;
import io.proximadb.storage.fs.local.LocalFileSystemProvider;
import io.proximadb.storage.fs.memory.MemoryFileSystem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The durability half of the log's contract: fsync policies, group commit under 16 writers, and
 * a log that refuses appends after a failed fsync. Runs with the recovery half for every codec.
 */
abstract class WalDurabilityContractTest extends WalRecoveryContractTest {

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void everyFsyncPolicySyncsAsDocumentedAndRecoversEverything(FsyncPolicy policy) throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(new LocalFileSystemProvider().open(tmp.resolve(policy.name())));
        WalOptions options = WalOptions.defaults().withFsync(policy).withIntervalMillis(10);
        List<WalEntry> written = new ArrayList<>();
        try (WriteAheadLog wal = WriteAheadLog.open(fs, DIR, codec(), options, e -> { })) {
            int before = fs.fileSyncs.get();
            for (int i = 0; i < 20; i++) {
                written.addAll(wal.append(List.of(new WalEntry.Delete(0, "c0", "d" + i))));
            }
            int syncs = fs.fileSyncs.get() - before;
            switch (policy) {
                case ALWAYS, GROUP -> assertThat(syncs).isGreaterThanOrEqualTo(20); // one writer: nothing to share
                case NONE -> assertThat(fs.fileSyncs.get()).isZero();
                case INTERVAL -> {
                    long deadline = System.nanoTime() + 2_000_000_000L;
                    while (fs.fileSyncs.get() == before && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    assertThat(fs.fileSyncs.get()).isGreaterThan(before).isLessThan(before + 20 + 200);
                }
            }
        }
        if (policy == FsyncPolicy.NONE) {
            assertThat(fs.fileSyncs.get()).as("close syncs").isEqualTo(1);
        }
        assertThat(recover(fs, options)).containsExactlyElementsOf(written);
    }

    @ParameterizedTest
    @EnumSource(value = FsyncPolicy.class, names = {"GROUP", "ALWAYS"})
    void sixteenConcurrentAppendersGetUniqueConsecutiveSequencesAndAllIsRecovered(FsyncPolicy policy)
            throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(new LocalFileSystemProvider().open(tmp.resolve(policy.name())));
        WalOptions options = WalOptions.defaults().withFsync(policy).withFileBytes(256 * 1024);
        int threads = 16;
        int appendsEach = policy == FsyncPolicy.GROUP ? 60 : 15;
        ConcurrentLinkedQueue<List<WalEntry>> results = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long lastSequence;
        int syncsBefore;
        try (WriteAheadLog wal = WriteAheadLog.open(fs, DIR, codec(), options, e -> { })) {
            syncsBefore = fs.fileSyncs.get();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < appendsEach; i++) {
                        WalEntry op = new WalEntry.Upsert(0, "c0", new io.proximadb.spi.record.VectorRecord(
                                "t" + thread + "-" + i, new float[] {thread, i}));
                        results.add(i % 3 == 2
                                ? wal.appendBatch("c0", List.of(op, new WalEntry.Delete(0, "c0", "x" + thread + "-" + i)))
                                : wal.append(List.of(op)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
            lastSequence = wal.lastSequence();
        } finally {
            pool.shutdownNow();
        }
        Set<Long> used = new TreeSet<>();
        List<WalEntry> all = new ArrayList<>();
        for (List<WalEntry> result : results) {
            for (int i = 1; i < result.size(); i++) {
                assertThat(result.get(i).sequence()).isEqualTo(result.get(i - 1).sequence() + 1);
            }
            if (result.size() == 2) { // a batch: its markers use the numbers around it
                assertThat(used.add(result.getFirst().sequence() - 1)).isTrue();
                assertThat(used.add(result.getLast().sequence() + 1)).isTrue();
            }
            for (WalEntry entry : result) {
                assertThat(used.add(entry.sequence())).as("sequence %d given twice", entry.sequence()).isTrue();
            }
            all.addAll(result);
        }
        int appends = threads * appendsEach;
        assertThat(used).hasSize((int) lastSequence).contains(1L, lastSequence);
        all.sort(Comparator.comparingLong(WalEntry::sequence));
        assertThat(recover(fs, options)).containsExactlyElementsOf(all);
        if (policy == FsyncPolicy.GROUP) {
            // Must be fewer fsyncs than appends; the gap shows the sharing.
            assertThat(fs.fileSyncs.get() - syncsBefore).isLessThan(appends);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsyncPolicy.class, names = {"GROUP", "ALWAYS", "INTERVAL"})
    void aFailedFsyncPoisonsTheLogUntilItIsReopened(FsyncPolicy policy) throws Exception {
        MemoryFileSystem disk = new MemoryFileSystem();
        FaultyFileSystem fs = new FaultyFileSystem(disk);
        WalOptions options = WalOptions.defaults().withFsync(policy).withIntervalMillis(5);
        try (WriteAheadLog wal = WriteAheadLog.open(fs, DIR, codec(), options, e -> { })) {
            wal.append(List.of(new WalEntry.Delete(0, "c0", "before")));
            fs.failSyncs = true;
            if (policy == FsyncPolicy.INTERVAL) {
                wal.append(List.of(new WalEntry.Delete(0, "c0", "unsynced")));
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < deadline) {
                    try {
                        wal.append(List.of(new WalEntry.Delete(0, "c0", "probe")));
                        Thread.sleep(5);
                    } catch (IOException poisoned) {
                        break;
                    }
                }
            } else {
                assertThatThrownBy(() -> wal.append(List.of(new WalEntry.Delete(0, "c0", "during"))))
                        .isInstanceOf(IOException.class).hasMessageContaining("simulated EIO");
            }
            fs.failSyncs = false; // the disk "recovers": the log must still refuse, the pages may be gone
            assertThatThrownBy(() -> wal.append(List.of(new WalEntry.Delete(0, "c0", "after"))))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("failed and refuses appends")
                    .hasMessageContaining("simulated EIO");
            assertThatThrownBy(wal::sync).isInstanceOf(IOException.class).hasMessageContaining("simulated EIO");
        }
        List<WalEntry> recovered = new ArrayList<>();
        try (WriteAheadLog wal = WriteAheadLog.open(fs, DIR, codec(), options, recovered::add)) {
            assertThat(recovered.getFirst()).isEqualTo(new WalEntry.Delete(1, "c0", "before"));
            assertThat(recovered).noneMatch(e -> e instanceof WalEntry.Delete d && d.id().equals("after"));
            assertThat(wal.append(List.of(new WalEntry.Delete(0, "c0", "reopened"))).getFirst().sequence())
                    .isEqualTo(recovered.getLast().sequence() + 1);
        }
    }
}
