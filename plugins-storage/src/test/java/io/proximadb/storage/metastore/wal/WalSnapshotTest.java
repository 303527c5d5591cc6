package io.proximadb.storage.metastore.wal;

import static io.proximadb.storage.metastore.wal.WalFixture.DIRECTORY;
import static io.proximadb.storage.metastore.wal.WalFixture.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.metastore.MetadataMutation;
import io.proximadb.spi.metastore.MetadataStore;
import io.proximadb.spi.metastore.MetadataStoreContext;
import io.proximadb.spi.record.Ids;
import io.proximadb.storage.fs.memory.MemoryFileSystem;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Snapshots: when they are taken, what they leave on disk, and recovery from snapshot plus log. */
class WalSnapshotTest {

    private final MemoryFileSystem disk = new MemoryFileSystem();

    @Test
    void aSnapshotReplacesTheLogAndRecoveryReadsSnapshotThenLog() throws IOException {
        TreeMap<String, String> expected = new TreeMap<>(Ids.ORDER);
        try (MetadataStore store = WalFixture.open(disk, 1_000)) {
            for (int i = 1; i <= 100; i++) {
                List<MetadataMutation> commit = i % 7 == 0
                        ? List.of(new MetadataMutation.Delete("k" + (i - 3)))
                        : put("k" + i, "value " + i + " of some length");
                store.commit(commit);
                if (i % 7 == 0) {
                    expected.remove("k" + (i - 3));
                } else {
                    expected.put("k" + i, "value " + i + " of some length");
                }
            }
        }
        List<String> files = disk.list(DIRECTORY);
        assertThat(files).hasSize(2);
        assertThat(files.getFirst()).startsWith(StoreFiles.LOG_PREFIX);
        assertThat(files.getLast()).startsWith(StoreFiles.SNAPSHOT_PREFIX);
        assertThat(disk.size(StoreFiles.path(DIRECTORY, files.getFirst()))).isLessThan(1_000 + 100);
        try (MetadataStore store = WalFixture.open(disk, 1_000)) {
            assertThat(store.revision()).isEqualTo(100);
            assertThat(store.scan("")).containsExactlyEntriesOf(expected);
        }
    }

    @Test
    void theDefaultThresholdIsOneMebibyte() throws IOException {
        MetadataStoreContext context = new MetadataStoreContext(disk, DIRECTORY, null, Map.of());
        String big = "x".repeat(600_000);
        try (MetadataStore store = new WalMetadataStoreProvider().open(context)) {
            store.commit(put("a", big));
            assertThat(disk.list(DIRECTORY)).containsExactly(StoreFiles.logName(0));
            store.commit(put("b", big));
            assertThat(disk.list(DIRECTORY)).containsExactly(StoreFiles.logName(2), StoreFiles.snapshotName(2));
        }
        try (MetadataStore store = new WalMetadataStoreProvider().open(context)) {
            assertThat(store.get("a")).contains(big);
            assertThat(store.get("b")).contains(big);
            assertThat(store.revision()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "abc", "1.5", ""})
    void snapshotBytesMustBeAPositiveWholeNumber(String value) {
        MetadataStoreContext context = new MetadataStoreContext(disk, DIRECTORY, null,
                Map.of(WalMetadataStoreProvider.SNAPSHOT_BYTES, value));
        assertThatThrownBy(() -> new WalMetadataStoreProvider().open(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snapshot_bytes")
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void unknownOptionsAreRejectedWithTheKnownOnes() {
        MetadataStoreContext context = new MetadataStoreContext(disk, DIRECTORY, null, Map.of("snapshot_byte", "10"));
        assertThatThrownBy(() -> new WalMetadataStoreProvider().open(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'snapshot_byte'")
                .hasMessageContaining("known options: snapshot_bytes");
    }

    @Test
    void aDamagedSnapshotWithNoOlderStateToFallBackOnIsRefusedByFileAndOffset() throws IOException {
        try (MetadataStore store = WalFixture.open(disk, 1)) {
            store.commit(put("a", "1"));
        }
        String snapshot = WalFixture.snapshotPath(1);
        byte[] bytes = WalFixture.read(disk, snapshot);
        bytes[30] ^= 1;
        WalFixture.write(disk, snapshot, bytes);
        assertThatThrownBy(() -> WalFixture.open(disk, 1))
                .isInstanceOfSatisfying(MetadataCorruptionException.class, e -> {
                    assertThat(e.file()).isEqualTo(snapshot);
                    assertThat(e.offset()).isEqualTo(bytes.length - 4);
                })
                .hasMessageContaining("snapshot checksum mismatch");
    }

    @Test
    void aMissingLogIsRefusedRatherThanLosingCommits() throws IOException {
        try (MetadataStore store = WalFixture.open(disk, 1)) {
            store.commit(put("a", "1"));
            store.commit(put("b", "2"));
        }
        disk.delete(WalFixture.logPath(2));
        assertThatThrownBy(() -> WalFixture.open(disk, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no log")
                .hasMessageContaining(StoreFiles.snapshotName(2));
    }

    @Test
    void filesOfOtherNamesAreLeftAlone() throws IOException {
        WalFixture.write(disk, DIRECTORY + "/README", new byte[] {1, 2, 3});
        WalFixture.write(disk, DIRECTORY + "/log-1.log.tmp", new byte[] {1});
        try (MetadataStore store = WalFixture.open(disk, 100)) {
            store.commit(put("a", "1"));
        }
        try (MetadataStore store = WalFixture.open(disk, 100)) {
            assertThat(store.get("a")).contains("1");
        }
        assertThat(disk.list(DIRECTORY)).contains("README", "log-1.log.tmp");
    }
}
