package io.proximadb.kernel.wal;

import static io.proximadb.kernel.wal.WalModel.DIR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.proximadb.kernel.wal.WalModel.Rec;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.wal.WalCodec;
import io.proximadb.spi.wal.WalEntry;
import io.proximadb.storage.fs.local.LocalFileSystemProvider;
import io.proximadb.storage.fs.memory.MemoryFileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery contract of the write-ahead log, run for every WAL codec: whatever a crash or a
 * damaged disk leaves, recovery returns exactly the entries it must, or names the damage.
 * Subclasses supply the codec. Fsync policies, concurrency and poisoning are in
 * {@link WalDurabilityContractTest}.
 */
abstract class WalRecoveryContractTest {

    protected abstract WalCodec codec();

    @TempDir
    Path tmp;

    static final WalOptions MEMORY = WalOptions.defaults().withFsync(FsyncPolicy.NONE);

    List<WalEntry> recover(FileSystem fs, WalOptions options) throws IOException {
        List<WalEntry> entries = new ArrayList<>();
        WriteAheadLog.open(fs, DIR, codec(), options, entries::add).close();
        return entries;
    }

    /** A log of random appends whose last file ends with a record spanning blocks, a batch and a single. */
    WalModel writeLog(FileSystem fs, long seed, int appends, long fileBytes) throws IOException {
        WalModel model = new WalModel(codec());
        Random random = new Random(seed);
        try (WriteAheadLog wal = WriteAheadLog.open(fs, DIR, codec(), MEMORY.withFileBytes(fileBytes),
                e -> fail("new log recovered " + e))) {
            model.writeRandom(wal, fs, random, appends);
            model.write(wal, fs, false, List.of(WalModel.randomEntry(random, 4096), WalModel.randomEntry(random, 784)));
            model.write(wal, fs, true, List.of(WalModel.randomEntry(random, 16), WalModel.randomEntry(random, 784),
                    new WalEntry.Delete(0, "c0", "gone")));
            model.write(wal, fs, false, List.of(WalModel.randomEntry(random, 784)));
        }
        return model;
    }

    @Test
    void recoversEveryEntryInOrderAndContinuesTheSequence() throws IOException {
        MemoryFileSystem fs = new MemoryFileSystem();
        WalModel model = writeLog(fs, 1, 60, 96 * 1024);
        assertThat(fs.list(DIR)).hasSizeGreaterThan(2);
        List<WalEntry> recovered = new ArrayList<>();
        try (WriteAheadLog wal = WriteAheadLog.open(fs, DIR, codec(), MEMORY, recovered::add)) {
            assertThat(recovered).containsExactlyElementsOf(model.all());
            long last = model.records().getLast().sequence();
            assertThat(wal.lastSequence()).isEqualTo(last);
            assertThat(wal.append(List.of(new WalEntry.Delete(0, "c", "x")))).singleElement()
                    .extracting(WalEntry::sequence).isEqualTo(last + 1);
        }
    }

    @Test
    void aCutAtEveryByteOfTheLastRecordsRecoversExactlyTheEntriesWrittenBeforeIt() throws IOException {
        MemoryFileSystem fs = new MemoryFileSystem();
        WalModel model = writeLog(fs, 2, 12, 40 * 1024);
        List<Rec> records = model.records();
        String lastFile = records.getLast().file();
        long from = records.get(records.size() - 7).start(); // the spanning pair, the batch, the single
        long end = records.getLast().end();
        assertThat(records.subList(records.size() - 7, records.size())).allMatch(r -> r.file().equals(lastFile));
        for (long cut = from; cut < end; cut++) {
            long at = cut;
            MemoryFileSystem copy = WalModel.copy(fs, (path, bytes) ->
                    path.equals(lastFile) ? java.util.Arrays.copyOf(bytes, (int) at) : bytes);
            Set<Rec> lost = records.stream().filter(r -> r.end() > at).collect(Collectors.toSet());
            List<WalEntry> expected = model.expectedWithout(lost);
            List<WalEntry> recovered = new ArrayList<>();
            try (WriteAheadLog wal = WriteAheadLog.open(copy, DIR, codec(), MEMORY, recovered::add)) {
                assertThat(recovered).as("cut at %d", at).containsExactlyElementsOf(expected);
                long lastKept = records.stream().filter(r -> !lost.contains(r)).mapToLong(Rec::sequence).max().orElse(0);
                long firstLostBatchSeq = model.appends.stream().filter(WalModel.Append::batch)
                        .filter(a -> a.records().stream().anyMatch(lost::contains))
                        .mapToLong(a -> a.records().getFirst().sequence()).min().orElse(Long.MAX_VALUE);
                long expectedLast = Math.min(lastKept, firstLostBatchSeq - 1);
                assertThat(wal.lastSequence()).as("cut at %d", at).isEqualTo(expectedLast);
                if (at % 251 == 0) {
                    // New appends continue after the cut and are never read as a lost batch's operations.
                    wal.append(List.of(new WalEntry.Delete(0, "c0", "after-" + at)));
                    wal.close();
                    List<WalEntry> again = recover(copy, MEMORY);
                    assertThat(again).hasSize(expected.size() + 1);
                    assertThat(again.getLast()).isEqualTo(new WalEntry.Delete(expectedLast + 1, "c0", "after-" + at));
                }
            }
        }
    }

    @Test
    void aFlippedBitIsCutAsATornTailOrReportedWithFileAndOffsetOrSkipped() throws IOException {
        MemoryFileSystem fs = new MemoryFileSystem();
        WalModel model = writeLog(fs, 3, 40, 64 * 1024);
        List<Rec> records = model.records();
        List<String> files = fs.list(DIR).stream().map(n -> DIR + "/" + n).toList();
        String lastFile = files.getLast();
        long[] sizes = new long[files.size()];
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            sizes[i] = fs.size(files.get(i));
            total += sizes[i];
        }
        int headerLength = WalFormat.encodeHeader(0, codec().name(), codec().formatHeader()).length;
        Random random = new Random(4);
        int tornTails = 0;
        int corruptions = 0;
        for (int trial = 0; trial < 100; trial++) {
            // Aim a third of the flips at the last record, where they must read as a torn tail.
            long position;
            String file;
            if (trial % 3 == 0) {
                Rec last = records.getLast();
                file = last.file();
                position = last.start() + (long) (random.nextDouble() * (last.end() - last.start()));
            } else {
                long global = (long) (random.nextDouble() * total);
                int index = 0;
                while (global >= sizes[index]) {
                    global -= sizes[index++];
                }
                file = files.get(index);
                position = global;
            }
            int bit = random.nextInt(8);
            String flippedFile = file;
            long at = position;
            FileSystem copy = WalModel.copy(fs, (path, bytes) -> {
                if (path.equals(flippedFile)) {
                    bytes[(int) at] ^= (byte) (1 << bit);
                }
                return bytes;
            });
            FileSystem skipCopy = WalModel.copy(copy, (path, bytes) -> bytes);
            String where = "flip of bit " + bit + " at " + file + ":" + position;

            Set<Rec> hit;
            Rec damaged = null;
            if (position < headerLength) {
                hit = records.stream().filter(r -> r.file().equals(flippedFile)).collect(Collectors.toSet());
            } else {
                long blockEnd = (position / WalFormat.BLOCK_SIZE + 1) * WalFormat.BLOCK_SIZE;
                hit = records.stream().filter(r -> r.file().equals(flippedFile) && r.end() > at && r.start() < blockEnd)
                        .collect(Collectors.toSet());
                damaged = records.stream().filter(r -> r.file().equals(flippedFile) && r.start() <= at && at < r.end())
                        .findFirst().orElse(null);
            }
            boolean torn = damaged == records.getLast();
            if (hit.isEmpty()) { // a block trailer: never read
                assertThat(recover(copy, MEMORY)).as(where).containsExactlyElementsOf(model.all());
            } else if (torn) {
                tornTails++;
                assertThat(recover(copy, MEMORY)).as(where).containsExactlyElementsOf(model.expectedWithout(hit));
            } else {
                corruptions++;
                long offset = damaged == null ? 0 : damaged.start();
                assertThatThrownBy(() -> recover(copy, MEMORY)).as(where)
                        .isInstanceOfSatisfying(WalCorruptionException.class, e -> {
                            assertThat(e.file()).isEqualTo(flippedFile);
                            assertThat(e.offset()).isEqualTo(offset);
                            assertThat(e.getMessage()).contains(flippedFile, "offset " + offset);
                        });
            }
            assertThat(recover(skipCopy, MEMORY.withSkipCorrupt(true))).as(where + " with skipCorrupt")
                    .containsExactlyElementsOf(model.expectedWithout(hit));
        }
        assertThat(tornTails).isPositive();
        assertThat(corruptions).isPositive();
        assertThat(lastFile).isEqualTo(records.getLast().file());
    }

    @Test
    void rotationStartsFilesNamedByTheirFirstSequenceAndTruncateBeforeDeletesWholeFiles() throws IOException {
        MemoryFileSystem fs = new MemoryFileSystem();
        WalModel model = writeLog(fs, 5, 80, 24 * 1024);
        List<String> names = fs.list(DIR);
        assertThat(names).hasSizeGreaterThan(4);
        List<Long> bases = names.stream().map(WalFormat::parseFileName).toList();
        assertThat(bases.getFirst()).isEqualTo(1);
        for (Rec record : model.records()) {
            long base = Long.parseLong(record.file().substring(DIR.length() + 1, DIR.length() + 21));
            assertThat(record.sequence()).isGreaterThanOrEqualTo(base);
        }
        long cut = bases.get(3) + 1; // inside the fourth file: the first three go
        try (WriteAheadLog wal = WriteAheadLog.open(fs, DIR, codec(), MEMORY, e -> { })) {
            wal.truncateBefore(cut);
            assertThat(fs.list(DIR)).containsExactlyElementsOf(names.subList(3, names.size()));
            wal.truncateBefore(bases.get(3)); // nothing more is entirely below
            assertThat(fs.list(DIR)).hasSize(names.size() - 3);
        }
        List<WalEntry> recovered = recover(fs, MEMORY);
        assertThat(recovered).containsExactlyElementsOf(
                model.all().stream().filter(e -> e.sequence() >= bases.get(3)).toList());
        // Even with every entry truncated away, sequences go on from the active file's name.
        long last = model.records().getLast().sequence();
        try (WriteAheadLog wal = WriteAheadLog.open(fs, DIR, codec(), MEMORY.withFileBytes(1), e -> { })) {
            wal.append(List.of(new WalEntry.Delete(0, "c0", "x")));
            wal.append(List.of(new WalEntry.Delete(0, "c0", "y")));
            wal.truncateBefore(Long.MAX_VALUE);
            assertThat(wal.files()).hasSize(1);
        }
        try (WriteAheadLog wal = WriteAheadLog.open(fs, DIR, codec(), MEMORY, e -> { })) {
            assertThat(wal.lastSequence()).isEqualTo(last + 2);
        }
    }

    @Test
    void reopeningAndAppendingContinuesTheSequenceOnDisk() throws IOException {
        FileSystem fs = new LocalFileSystemProvider().open(tmp);
        List<WalEntry> written = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<WalEntry> recovered = new ArrayList<>();
            try (WriteAheadLog wal = WriteAheadLog.open(fs, DIR, codec(), WalOptions.defaults(), recovered::add)) {
                assertThat(recovered).containsExactlyElementsOf(written);
                assertThat(wal.lastSequence()).isEqualTo(written.size() + 2L * round);
                written.addAll(wal.append(List.of(new WalEntry.Delete(0, "c0", "a" + round))));
                written.addAll(wal.appendBatch("c0", List.of(new WalEntry.Delete(0, "c0", "b" + round))));
            }
        }
        assertThat(written).extracting(WalEntry::sequence).containsExactly(1L, 3L, 5L, 7L, 9L, 11L);
    }

    @Test
    void aLogWrittenByAnotherCodecIsRefusedNamingFileAndBothCodecs() throws IOException {
        MemoryFileSystem fs = new MemoryFileSystem();
        writeLog(fs, 6, 3, 1 << 20);
        WalCodec other = new ReferenceWalCodec("other-codec");
        assertThatThrownBy(() -> WriteAheadLog.open(fs, DIR, other, MEMORY, e -> { }))
                .isInstanceOf(WalCodecMismatchException.class)
                .hasMessageContaining(DIR + "/" + WalFormat.fileName(1))
                .hasMessageContaining("'" + codec().name() + "'")
                .hasMessageContaining("'other-codec'");
    }

    @Test
    void aLastFileWithATornHeaderIsDeleted() throws IOException {
        MemoryFileSystem fs = new MemoryFileSystem();
        WalModel model = writeLog(fs, 7, 5, 1 << 20);
        long next = model.records().getLast().sequence() + 1;
        byte[] header = WalFormat.encodeHeader(next, codec().name(), codec().formatHeader());
        try (var file = fs.create(DIR + "/" + WalFormat.fileName(next))) {
            file.write(java.nio.ByteBuffer.wrap(header, 0, header.length - 3));
        }
        assertThat(recover(fs, MEMORY)).containsExactlyElementsOf(model.all());
        assertThat(fs.list(DIR)).contains(WalFormat.fileName(next)); // recreated, whole, for appends
        assertThat(recover(fs, MEMORY)).containsExactlyElementsOf(model.all());
    }

    @Test
    void batchMarkersAndEmptyAppendsAreHandledByTheLog() throws IOException {
        try (WriteAheadLog wal = WriteAheadLog.open(new MemoryFileSystem(), DIR, codec(), MEMORY, e -> { })) {
            assertThat(wal.lastSequence()).isZero();
            assertThat(wal.append(List.of())).isEmpty();
            assertThat(wal.appendBatch("c0", List.of())).isEmpty();
            assertThatThrownBy(() -> wal.append(List.of(new WalEntry.BatchBegin(0, "c0", 1))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> wal.appendBatch("c0", List.of(new WalEntry.BatchCommit(0, "c0", 1))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(wal.lastSequence()).isZero();
            Set<Long> sequences = new HashSet<>();
            wal.appendBatch("c0", List.of(new WalEntry.Delete(7, "c0", "a"), new WalEntry.Delete(7, "c0", "b")))
                    .forEach(e -> sequences.add(e.sequence()));
            assertThat(sequences).containsExactlyInAnyOrder(2L, 3L);
            assertThat(wal.lastSequence()).isEqualTo(4);
        }
    }
}
