package io.proximadb.storage.metastore.wal;

import static io.proximadb.storage.metastore.wal.WalFixture.logPath;
import static io.proximadb.storage.metastore.wal.WalFixture.put;
import static io.proximadb.storage.metastore.wal.WalFixture.read;
import static io.proximadb.storage.metastore.wal.WalFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.metastore.MetadataStore;
import io.proximadb.storage.fs.memory.MemoryFileSystem;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Damage to the log: at its very end it is a torn write, cut on recovery; anywhere else it is
 * corruption, refused with the file and the offset.
 */
class WalLogDamageTest {

    private static final long NO_SNAPSHOTS = 1L << 40;

    private final MemoryFileSystem disk = new MemoryFileSystem();
    private final String log = logPath(0);
    /** Where each of the three records starts, and where the last one ends. */
    private final int[] recordAt = new int[4];

    @BeforeEach
    void threeCommits() throws IOException {
        try (MetadataStore store = WalFixture.open(disk, NO_SNAPSHOTS)) {
            recordAt[0] = LogFormat.HEADER_BYTES;
            for (int i = 1; i <= 3; i++) {
                store.commit(put("k" + i, "value " + i));
                recordAt[i] = recordAt[i - 1] + WalFixture.frameLength(i, "k" + i, "value " + i);
            }
        }
        assertThat(disk.size(log)).isEqualTo(recordAt[3]);
    }

    private void damage(UnaryOperator<byte[]> change) throws IOException {
        write(disk, log, change.apply(read(disk, log)));
    }

    private void assertRecoversTwoCommitsAndGoesOn() throws IOException {
        try (MetadataStore store = WalFixture.open(disk, NO_SNAPSHOTS)) {
            assertThat(store.revision()).isEqualTo(2);
            assertThat(store.scan("")).containsExactly(Map.entry("k1", "value 1"), Map.entry("k2", "value 2"));
            assertThat(disk.size(log)).as("the torn tail is cut").isEqualTo(recordAt[2]);
            assertThat(store.commit(put("k3", "again"))).isEqualTo(3);
        }
        try (MetadataStore store = WalFixture.open(disk, NO_SNAPSHOTS)) {
            assertThat(store.revision()).isEqualTo(3);
            assertThat(store.get("k3")).contains("again");
        }
    }

    @Test
    void aLastRecordCutShortIsATornTail() throws IOException {
        damage(bytes -> Arrays.copyOf(bytes, recordAt[3] - 3));
        assertRecoversTwoCommitsAndGoesOn();
    }

    @Test
    void aLastRecordWithOnlyPartOfItsHeaderIsATornTail() throws IOException {
        damage(bytes -> Arrays.copyOf(bytes, recordAt[2] + 5));
        assertRecoversTwoCommitsAndGoesOn();
    }

    @Test
    void aLastRecordWhoseChecksumFailsIsATornTail() throws IOException {
        damage(bytes -> flip(bytes, recordAt[3] - 1));
        assertRecoversTwoCommitsAndGoesOn();
    }

    @Test
    void zerosAfterTheLastRecordAreATornTail() throws IOException {
        damage(bytes -> Arrays.copyOf(bytes, recordAt[3] + 100));
        try (MetadataStore store = WalFixture.open(disk, NO_SNAPSHOTS)) {
            assertThat(store.revision()).isEqualTo(3);
            assertThat(disk.size(log)).isEqualTo(recordAt[3]);
        }
    }

    @Test
    void aDamagedRecordFollowedByValidOnesIsCorruption() throws IOException {
        damage(bytes -> flip(bytes, recordAt[0] + 12));
        assertThatThrownBy(() -> WalFixture.open(disk, NO_SNAPSHOTS))
                .isInstanceOfSatisfying(MetadataCorruptionException.class, e -> {
                    assertThat(e.file()).isEqualTo(log);
                    assertThat(e.offset()).isEqualTo(recordAt[0]);
                })
                .hasMessageContaining(log)
                .hasMessageContaining("offset " + recordAt[0])
                .hasMessageContaining("checksum");
        assertThat(disk.size(log)).as("nothing is cut on corruption").isEqualTo(recordAt[3]);
    }

    @Test
    void aLengthThatRunsPastTheEndIsCorruptionWhenValidRecordsFollow() throws IOException {
        damage(bytes -> flip(bytes, recordAt[1] + 3));
        assertThatThrownBy(() -> WalFixture.open(disk, NO_SNAPSHOTS))
                .isInstanceOfSatisfying(MetadataCorruptionException.class, e -> assertThat(e.offset()).isEqualTo(recordAt[1]))
                .hasMessageContaining("runs past the end");
    }

    @Test
    void aDamagedHeaderIsCorruption() throws IOException {
        damage(bytes -> flip(bytes, 9));
        assertThatThrownBy(() -> WalFixture.open(disk, NO_SNAPSHOTS))
                .isInstanceOfSatisfying(MetadataCorruptionException.class, e -> assertThat(e.file()).isEqualTo(log))
                .hasMessageContaining("header");
    }

    @Test
    void aLogOfAnotherVersionIsRefusedByVersion() throws IOException {
        damage(bytes -> {
            byte[] header = LogFormat.header(0);
            byte[] changed = bytes.clone();
            BinaryWriter.INT.set(header, LogFormat.MAGIC.length, 2);
            BinaryWriter.INT.set(header, LogFormat.HEADER_BYTES - 4, Checksum.masked(header, 0, LogFormat.HEADER_BYTES - 4));
            System.arraycopy(header, 0, changed, 0, header.length);
            return changed;
        });
        assertThatThrownBy(() -> WalFixture.open(disk, NO_SNAPSHOTS))
                .isInstanceOf(MetadataCorruptionException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void aRecordOutOfRevisionOrderIsCorruption() throws IOException {
        byte[] again = LogFormat.frame(new CommitRecord(2, put("k2", "replayed")).encode());
        damage(bytes -> {
            byte[] longer = Arrays.copyOf(bytes, bytes.length + again.length);
            System.arraycopy(again, 0, longer, bytes.length, again.length);
            return longer;
        });
        assertThatThrownBy(() -> WalFixture.open(disk, NO_SNAPSHOTS))
                .isInstanceOfSatisfying(MetadataCorruptionException.class, e -> assertThat(e.offset()).isEqualTo(recordAt[3]))
                .hasMessageContaining("revision 2 where revision 4 was expected");
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] changed = bytes.clone();
        changed[at] ^= 0x40;
        return changed;
    }
}
