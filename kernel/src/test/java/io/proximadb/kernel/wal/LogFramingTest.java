package io.proximadb.kernel.wal;

import static io.proximadb.kernel.wal.WalFormat.BLOCK_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.storage.fs.memory.MemoryFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The framing alone, without codecs: {@link LogWriter}, {@link LogReader} and {@link WalFormat}. */
class LogFramingTest {

    private final MemoryFileSystem fs = new MemoryFileSystem();

    private static byte[] payload(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private long writeAll(String path, int start, List<byte[]> payloads) throws IOException {
        try (WritableFile file = fs.create(path)) {
            LogWriter writer = new LogWriter(file, 0);
            writer.addRaw(new byte[start]);
            for (int i = 0; i < payloads.size(); i++) {
                writer.add(payloads.get(i), i % 3 == 0);
                if (i % 4 == 0) {
                    writer.flush();
                }
            }
            writer.flush();
            assertThat(file.length()).isEqualTo(writer.length());
            return writer.length();
        }
    }

    private List<LogReader.Event> readAll(String path, long start) throws IOException {
        try (ReadableFile file = fs.openForRead(path)) {
            LogReader reader = new LogReader(file, start, file.size());
            List<LogReader.Event> events = new ArrayList<>();
            for (LogReader.Event e = reader.next(); e != null; e = reader.next()) {
                events.add(e);
            }
            return events;
        }
    }

    @Test
    void payloadsOfEverySizeRoundTrip() throws IOException {
        Random random = new Random(1);
        List<byte[]> payloads = new ArrayList<>();
        for (int size : new int[] {0, 1, 6, 7, 8, 100, 32754, 32755, 32761, 32762, 32768, 70000, 200_000}) {
            payloads.add(payload(random, size));
        }
        for (int i = 0; i < 200; i++) {
            payloads.add(payload(random, random.nextInt(random.nextBoolean() ? 50 : 20_000)));
        }
        writeAll("log", 37, payloads);
        List<LogReader.Event> events = readAll("log", 37);
        assertThat(events).hasSize(payloads.size()).allMatch(e -> e instanceof LogReader.Record);
        for (int i = 0; i < payloads.size(); i++) {
            LogReader.Record record = (LogReader.Record) events.get(i);
            assertThat(record.payload()).isEqualTo(payloads.get(i));
            assertThat(record.batchMember()).isEqualTo(i % 3 == 0);
        }
    }

    @Test
    void aBlockWithLessThanAHeaderLeftGetsAZeroTrailer() throws IOException {
        // 7 + 32754 = 32761 bytes leave 7 in the block: room for an empty FIRST fragment.
        // 7 + 32758 leaves 3: a trailer, and the next record starts the next block.
        writeAll("log", 0, List.of(new byte[32758], new byte[] {42}));
        byte[] bytes = new byte[(int) fs.size("log")];
        try (ReadableFile file = fs.openForRead("log")) {
            file.readFully(ByteBuffer.wrap(bytes), 0);
        }
        assertThat(bytes).hasSize(BLOCK_SIZE + 8);
        assertThat(bytes[BLOCK_SIZE - 3]).isZero();
        assertThat(bytes[BLOCK_SIZE + 6]).isEqualTo(WalFormat.FULL);
        assertThat(bytes[BLOCK_SIZE + 7]).isEqualTo((byte) 42);
    }

    @Test
    void aRecordSpanningBlocksIsFirstMiddleLast() throws IOException {
        long length = writeAll("log", 100, List.of(new byte[2 * BLOCK_SIZE]));
        byte[] bytes = new byte[(int) length];
        try (ReadableFile file = fs.openForRead("log")) {
            file.readFully(ByteBuffer.wrap(bytes), 0);
        }
        assertThat(bytes[100 + 6]).isEqualTo((byte) (WalFormat.FIRST | WalFormat.BATCH_FLAG));
        assertThat(bytes[BLOCK_SIZE + 6]).isEqualTo((byte) (WalFormat.MIDDLE | WalFormat.BATCH_FLAG));
        assertThat(bytes[2 * BLOCK_SIZE + 6]).isEqualTo((byte) (WalFormat.LAST | WalFormat.BATCH_FLAG));
        assertThat(length).isEqualTo(100 + 2L * BLOCK_SIZE + 3 * 7);
    }

    @Test
    void damageIsReportedAndReadingResumesAtTheNextIntactRecord() throws IOException {
        Random random = new Random(2);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            payloads.add(payload(random, 3000));
        }
        writeAll("log", 0, payloads);
        // Record 3 starts at 3 * 3007; flip a byte of its payload.
        flip("log", 3 * 3007 + 100);
        List<LogReader.Event> events = readAll("log", 0);
        assertThat(events.get(3)).isInstanceOfSatisfying(LogReader.Damage.class, d -> {
            assertThat(d.offset()).isEqualTo(3 * 3007);
            assertThat(d.reason()).contains("checksum");
        });
        // Records 3..10 share block 0 with the damage (record 10 spans into block 1): all lost.
        LogReader.Record next = (LogReader.Record) events.get(4);
        assertThat(next.offset()).isEqualTo(11 * 3007 + 7); // record 11, after record 10's LAST fragment
        assertThat(next.payload()).isEqualTo(payloads.get(11));
        assertThat(events).hasSize(3 + 1 + 29);
    }

    @Test
    void aCutFileEndsInDamageAndNothingValidFollows() throws IOException {
        writeAll("log", 0, List.of(new byte[10], new byte[50_000]));
        fs.truncate("log", 17 + 30_000);
        List<LogReader.Event> events = readAll("log", 0);
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isInstanceOfSatisfying(LogReader.Damage.class,
                d -> assertThat(d.offset()).isEqualTo(17));
        try (ReadableFile file = fs.openForRead("log")) {
            LogReader reader = new LogReader(file, 0, file.size());
            assertThat(reader.validRecordStartsAfter(17)).isFalse();
            assertThat(reader.validRecordStartsAfter(-1)).isTrue();
        }
    }

    @Test
    void writingContinuesInAnExistingFile() throws IOException {
        long length = writeAll("log", 0, List.of(new byte[30_000]));
        try (WritableFile file = fs.append("log")) {
            LogWriter writer = new LogWriter(file, length);
            writer.add(new byte[10_000], false);
            writer.flush();
        }
        assertThat(readAll("log", 0)).hasSize(2).allMatch(e -> e instanceof LogReader.Record);
    }

    @Test
    void headersAndNamesRoundTrip() throws Exception {
        byte[] header = WalFormat.encodeHeader(12345, "bincode", new byte[] {1, 2, 3});
        WalFormat.Header parsed = WalFormat.decodeHeader(header, header.length);
        assertThat(parsed.baseSequence()).isEqualTo(12345);
        assertThat(parsed.codecName()).isEqualTo("bincode");
        assertThat(parsed.codecHeader()).containsExactly(1, 2, 3);
        assertThat(parsed.length()).isEqualTo(header.length);
        header[20] ^= 1;
        assertThatThrownBy(() -> WalFormat.decodeHeader(header, header.length))
                .hasMessageContaining("checksum");
        assertThat(WalFormat.fileName(42)).isEqualTo("00000000000000000042.wal");
        assertThat(WalFormat.parseFileName("00000000000000000042.wal")).isEqualTo(42);
        assertThat(WalFormat.parseFileName("0000000000000000042.wal")).isEqualTo(-1);
        assertThat(WalFormat.parseFileName("00000000000000000042.tmp")).isEqualTo(-1);
        assertThat(WalFormat.parseFileName(WalFormat.fileName(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(WalFormat.parseFileName("99999999999999999999.wal")).isEqualTo(-1);
    }

    private void flip(String path, long position) throws IOException {
        byte[] bytes = new byte[(int) fs.size(path)];
        try (ReadableFile file = fs.openForRead(path)) {
            file.readFully(ByteBuffer.wrap(bytes), 0);
        }
        bytes[(int) position] ^= 0x10;
        fs.delete(path);
        try (WritableFile file = fs.create(path)) {
            file.write(ByteBuffer.wrap(bytes));
        }
    }
}
