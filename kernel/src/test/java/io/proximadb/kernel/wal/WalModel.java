package io.proximadb.kernel.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.wal.WalCodec;
import io.proximadb.spi.wal.WalEntry;
import io.proximadb.storage.fs.memory.MemoryFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * An independent model of a written log: which entries each append produced, and the byte range
 * of every logical record, computed from the spec's framing rules rather than read back from the
 * writer. Recovery expectations are derived from it.
 */
final class WalModel {

    static final String DIR = "wal";

    /** One logical record: its file, its byte range (first header to end of last fragment). */
    record Rec(String file, long start, long end, long sequence) {
    }

    /** One append call: its sequenced operations and its records (markers included). */
    record Append(boolean batch, List<WalEntry> operations, List<Rec> records) {
    }

    final List<Append> appends = new ArrayList<>();
    private final WalCodec codec;

    WalModel(WalCodec codec) {
        this.codec = codec;
    }

    // ---- generating and writing ----

    static WalEntry randomEntry(Random random, int dimension) {
        int kind = random.nextInt(20);
        String collection = "c" + random.nextInt(3);
        if (kind < 14) {
            float[] vector = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                vector[i] = random.nextFloat() * 2 - 1;
            }
            Value.Obj metadata = random.nextBoolean() ? Value.Obj.EMPTY : new Value.Obj(Map.of(
                    "tag", new Value.Str("t" + random.nextInt(100)),
                    "n", new Value.Int(random.nextLong()),
                    "ok", Value.Bool.TRUE));
            return new WalEntry.Upsert(0, collection, new VectorRecord("id-" + random.nextInt(1_000_000), vector,
                    metadata, random.nextInt(4) == 0 ? 1_900_000_000_000L : VectorRecord.NEVER_EXPIRES));
        }
        if (kind < 18) {
            return new WalEntry.Delete(0, collection, "id-" + random.nextInt(1_000_000));
        }
        if (kind < 19) {
            return new WalEntry.CreateCollection(0, new CollectionSpec(collection, dimension, Metric.COSINE,
                    "skiplist", "bincode", "hnsw", Map.of("m", "16")));
        }
        return new WalEntry.DropCollection(0, collection);
    }

    static int randomDimension(Random random) {
        int pick = random.nextInt(10);
        return pick < 6 ? 16 : pick < 9 ? 784 : 4096;
    }

    /** Writes {@code count} random appends (singles, multi-entry appends, batches), modelling each. */
    void writeRandom(WriteAheadLog wal, FileSystem fs, Random random, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(10);
            int dimension = randomDimension(random);
            List<WalEntry> entries = new ArrayList<>();
            int size = kind < 6 ? 1 : 1 + random.nextInt(4);
            for (int j = 0; j < size; j++) {
                entries.add(randomEntry(random, dimension));
            }
            write(wal, fs, kind >= 8, entries);
        }
    }

    /** Appends through the log and records where the bytes went. */
    List<WalEntry> write(WriteAheadLog wal, FileSystem fs, boolean batch, List<WalEntry> entries) throws IOException {
        String before = wal.files().getLast();
        long beforeSize = fs.size(before);
        List<WalEntry> sequenced = batch ? wal.appendBatch("c0", entries) : wal.append(entries);
        String file = wal.files().getLast();
        long start = file.equals(before) ? beforeSize
                : WalFormat.encodeHeader(0, codec.name(), codec.formatHeader()).length;
        List<WalEntry> all = new ArrayList<>();
        if (batch) {
            long begin = sequenced.getFirst().sequence() - 1;
            all.add(new WalEntry.BatchBegin(begin, "c0", entries.size()));
            all.addAll(sequenced);
            all.add(new WalEntry.BatchCommit(sequenced.getLast().sequence() + 1, "c0", begin));
        } else {
            all.addAll(sequenced);
        }
        List<Rec> records = new ArrayList<>();
        long position = start;
        for (WalEntry entry : all) {
            long[] range = frame(position, codec.encode(entry).length);
            records.add(new Rec(file, range[0], range[1], entry.sequence()));
            position = range[1];
        }
        assertThat(fs.size(file)).as("framing of %s per the spec", file).isEqualTo(position);
        appends.add(new Append(batch, sequenced, records));
        return sequenced;
    }

    /** The spec's framing: returns {first header offset, end} of a payload framed at {@code position}. */
    static long[] frame(long position, int length) {
        long start = -1;
        int left = length;
        do {
            long leftover = WalFormat.BLOCK_SIZE - position % WalFormat.BLOCK_SIZE;
            if (leftover < WalFormat.RECORD_HEADER_SIZE) {
                position += leftover;
                leftover = WalFormat.BLOCK_SIZE;
            }
            if (start < 0) {
                start = position;
            }
            int fragment = (int) Math.min(left, leftover - WalFormat.RECORD_HEADER_SIZE);
            position += WalFormat.RECORD_HEADER_SIZE + fragment;
            left -= fragment;
        } while (left > 0);
        return new long[] {start, position};
    }

    // ---- expectations ----

    List<Rec> records() {
        return appends.stream().flatMap(a -> a.records().stream()).toList();
    }

    /** What recovery must return when the records in {@code lost} are gone. */
    List<WalEntry> expectedWithout(Set<Rec> lost) {
        List<WalEntry> expected = new ArrayList<>();
        for (Append append : appends) {
            if (append.batch()) {
                if (append.records().stream().noneMatch(lost::contains)) {
                    expected.addAll(append.operations());
                }
            } else {
                for (int i = 0; i < append.operations().size(); i++) {
                    if (!lost.contains(append.records().get(i))) {
                        expected.add(append.operations().get(i));
                    }
                }
            }
        }
        return expected;
    }

    List<WalEntry> all() {
        return expectedWithout(Set.of());
    }

    // ---- copies of a memory filesystem, cut or flipped ----

    static byte[] read(FileSystem fs, String path) throws IOException {
        byte[] bytes = new byte[(int) fs.size(path)];
        try (ReadableFile file = fs.openForRead(path)) {
            file.readFully(ByteBuffer.wrap(bytes), 0);
        }
        return bytes;
    }

    /** A copy of the log directory; {@code edit} may change the bytes of each file. */
    static MemoryFileSystem copy(FileSystem source, FileEdit edit) throws IOException {
        MemoryFileSystem copy = new MemoryFileSystem();
        copy.createDirectories(DIR);
        for (String name : source.list(DIR)) {
            String path = DIR + "/" + name;
            byte[] bytes = edit.apply(path, read(source, path));
            try (WritableFile file = copy.create(path)) {
                file.write(ByteBuffer.wrap(bytes));
            }
        }
        return copy;
    }

    @FunctionalInterface
    interface FileEdit {
        byte[] apply(String path, byte[] bytes);
    }
}
