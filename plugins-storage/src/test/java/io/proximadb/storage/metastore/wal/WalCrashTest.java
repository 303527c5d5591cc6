package io.proximadb.storage.metastore.wal;

import static io.proximadb.storage.metastore.wal.WalFixture.DIRECTORY;
import static io.proximadb.storage.metastore.wal.WalFixture.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.metastore.MetadataMutation;
import io.proximadb.spi.metastore.MetadataStore;
import io.proximadb.spi.record.Ids;
import io.proximadb.storage.fs.memory.MemoryFileSystem;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process crash at every step the store takes, snapshots included: every acknowledged commit
 * survives, the commit in flight is there whole or not at all, and the store goes on. Then the
 * named crash points of {@code docs/formats/metadata-store.md}, with the files each one leaves.
 */
class WalCrashTest {

    private static final int COMMITS = 12;
    private static final long SNAPSHOT_BYTES = 300;

    /** The entries after the first {@code commits} commits of {@link #run}. */
    private static SortedMap<String, String> expectedAfter(int commits) {
        TreeMap<String, String> entries = new TreeMap<>(Ids.ORDER);
        for (int i = 1; i <= commits; i++) {
            entries.put("k" + (i % 5), "value " + i + " " + "x".repeat(40));
        }
        return entries;
    }

    /** Commits until done or crashed; returns how many commits were acknowledged. */
    private static int run(CrashingFileSystem fs) throws IOException {
        int acknowledged = 0;
        try (MetadataStore store = WalFixture.open(fs, SNAPSHOT_BYTES)) {
            for (int i = 1; i <= COMMITS; i++) {
                store.commit(put("k" + (i % 5), "value " + i + " " + "x".repeat(40)));
                acknowledged = i;
            }
        } catch (CrashingFileSystem.Crash crash) {
            // the process is dead; what it acknowledged is counted
        }
        return acknowledged;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCrashAtAnyStepLosesNoAcknowledgedCommit(boolean tearWrites) throws IOException {
        int steps = stepsOfACleanRun();
        assertThat(steps).isGreaterThan(50);
        for (int crashAt = 1; crashAt <= steps; crashAt++) {
            int at = crashAt;
            MemoryFileSystem disk = new MemoryFileSystem();
            CrashingFileSystem fs = new CrashingFileSystem(disk, step -> step.number() == at, tearWrites);
            int acknowledged = run(fs);
            assertThat(fs.crashed()).as("step %d crashed", at).isNotNull();
            String where = "after a crash at " + fs.crashed();
            try (MetadataStore store = WalFixture.open(disk, SNAPSHOT_BYTES)) {
                long revision = store.revision();
                assertThat(revision).as(where).isBetween((long) acknowledged, (long) acknowledged + 1);
                assertThat(store.scan("")).as(where).containsExactlyEntriesOf(expectedAfter((int) revision));
                store.commit(put("after", "crash"));
            }
            try (MetadataStore store = WalFixture.open(disk, SNAPSHOT_BYTES)) {
                assertThat(store.get("after")).as(where).contains("crash");
            }
        }
    }

    private static int stepsOfACleanRun() throws IOException {
        CrashingFileSystem fs = new CrashingFileSystem(new MemoryFileSystem(), step -> false, false);
        assertThat(run(fs)).isEqualTo(COMMITS);
        return fs.steps();
    }

    /** Crashes at the first step matching {@code where}, then checks the files and the recovery. */
    private static MemoryFileSystem crashWhere(Predicate<CrashingFileSystem.Step> where, boolean tear) throws IOException {
        MemoryFileSystem disk = new MemoryFileSystem();
        try (MetadataStore store = WalFixture.open(disk, 1 << 20)) {
            store.commit(put("a", "1"));
            store.commit(put("b", "2"));
        }
        CrashingFileSystem fs = new CrashingFileSystem(disk, where, tear);
        assertThatThrownBy(() -> {
            try (MetadataStore store = WalFixture.open(fs, 1)) {
                store.commit(put("c", "3"));
            }
        }).isInstanceOf(CrashingFileSystem.Crash.class);
        return disk;
    }

    private static void assertRecoversAllThree(MemoryFileSystem disk) throws IOException {
        try (MetadataStore store = WalFixture.open(disk, 1 << 20)) {
            assertThat(store.revision()).isEqualTo(3);
            assertThat(store.scan("")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
        }
        assertThat(disk.list(DIRECTORY)).containsExactly(StoreFiles.logName(3), StoreFiles.snapshotName(3));
    }

    @Test
    void crashWhileWritingTheSnapshotLeavesATemporaryThatIsDropped() throws IOException {
        MemoryFileSystem disk = crashWhere(step -> step.kind().equals("write") && step.path().endsWith(".snap.tmp"), true);
        assertThat(disk.list(DIRECTORY)).containsExactly(StoreFiles.logName(0), StoreFiles.temporary(StoreFiles.snapshotName(3)));
        try (MetadataStore store = WalFixture.open(disk, 1 << 20)) {
            assertThat(store.revision()).isEqualTo(3);
            assertThat(store.get("c")).contains("3");
        }
        assertThat(disk.list(DIRECTORY)).containsExactly(StoreFiles.logName(0));
    }

    @Test
    void crashAfterTheSnapshotIsRenamedButBeforeTheNewLogExists() throws IOException {
        MemoryFileSystem disk = crashWhere(step -> step.kind().equals("create") && step.path().endsWith(".log.tmp"), false);
        assertThat(disk.list(DIRECTORY)).containsExactly(StoreFiles.logName(0), StoreFiles.snapshotName(3));
        try (MetadataStore store = WalFixture.open(disk, 1 << 20)) {
            assertThat(store.revision()).isEqualTo(3);
            // The old log goes on after the snapshot; recovery skips its records up to revision 3.
            assertThat(store.commit(put("d", "4"))).isEqualTo(4);
        }
        try (MetadataStore store = WalFixture.open(disk, 1)) {
            assertThat(store.scan("")).hasSize(4);
            assertThat(store.commit(put("e", "5"))).isEqualTo(5);
        }
        assertThat(disk.list(DIRECTORY)).containsExactly(StoreFiles.logName(5), StoreFiles.snapshotName(5));
    }

    @Test
    void crashBeforeTheNewLogIsRenamedLeavesATemporaryThatIsDropped() throws IOException {
        MemoryFileSystem disk = crashWhere(step -> step.kind().equals("rename") && step.path().contains(".log.tmp"), false);
        assertThat(disk.list(DIRECTORY)).containsExactly(
                StoreFiles.logName(0), StoreFiles.temporary(StoreFiles.logName(3)), StoreFiles.snapshotName(3));
        try (MetadataStore store = WalFixture.open(disk, 1 << 20)) {
            assertThat(store.revision()).isEqualTo(3);
        }
        assertThat(disk.list(DIRECTORY)).containsExactly(StoreFiles.logName(0), StoreFiles.snapshotName(3));
    }

    @Test
    void crashAfterTheNewLogButBeforeTheOldFilesAreDeleted() throws IOException {
        MemoryFileSystem disk = crashWhere(step -> step.kind().equals("delete") && step.path().endsWith(StoreFiles.logName(0)), false);
        assertThat(disk.list(DIRECTORY)).containsExactly(StoreFiles.logName(0), StoreFiles.logName(3), StoreFiles.snapshotName(3));
        assertRecoversAllThree(disk);
    }

    @Test
    void aDamagedNewestSnapshotFallsBackToTheOlderStateWhileItsLogsRemain() throws IOException {
        MemoryFileSystem disk = crashWhere(step -> step.kind().equals("delete") && step.path().endsWith(StoreFiles.logName(0)), false);
        String snapshot = WalFixture.snapshotPath(3);
        byte[] bytes = WalFixture.read(disk, snapshot);
        bytes[bytes.length / 2] ^= 1;
        WalFixture.write(disk, snapshot, bytes);
        try (MetadataStore store = WalFixture.open(disk, 1 << 20)) {
            assertThat(store.revision()).isEqualTo(3);
            assertThat(store.scan("")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
            assertThat(store.commit(put("d", "4"))).isEqualTo(4);
        }
        try (MetadataStore store = WalFixture.open(disk, 1 << 20)) {
            assertThat(store.get("d")).contains("4");
        }
    }

    @Test
    void aCommitOfManyChangesIsAllOrNothingWhenItsWriteIsTorn() throws IOException {
        MemoryFileSystem disk = new MemoryFileSystem();
        try (MetadataStore store = WalFixture.open(disk, 1 << 20)) {
            store.commit(put("before", "1"));
        }
        CrashingFileSystem fs = new CrashingFileSystem(disk, step -> step.kind().equals("write"), true);
        assertThatThrownBy(() -> {
            try (MetadataStore store = WalFixture.open(fs, 1 << 20)) {
                store.commit(List.of(
                        new MetadataMutation.Put("x", "1"), new MetadataMutation.Put("y", "2"),
                        new MetadataMutation.Delete("before")));
            }
        }).isInstanceOf(CrashingFileSystem.Crash.class);
        try (MetadataStore store = WalFixture.open(disk, 1 << 20)) {
            assertThat(store.scan("")).containsExactly(Map.entry("before", "1"));
            assertThat(store.revision()).isEqualTo(1);
        }
    }
}
