package io.proximadb.spi.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.spi.record.VectorRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * The plumbing of {@link SegmentFormatContractTest}: a fresh filesystem per property in a
 * temporary directory, unique file names, and helpers to write segments and to copy files with
 * damage, which format-specific tests reuse.
 */
public abstract class SegmentContractSupport {

    private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    protected Path directory;
    protected FileSystem fs;
    private final AtomicInteger names = new AtomicInteger();

    /** The format under test; may return the same instance every time. */
    protected abstract SegmentFormat format();

    /** A filesystem rooted at {@code directory}, an empty temporary directory (a memory store may ignore it). */
    protected abstract FileSystem openFileSystem(Path directory) throws IOException;

    /** The options the suite writes segments with; formats override to test each compression. */
    protected SegmentWriteOptions options(int dimension) {
        return SegmentWriteOptions.defaults(dimension);
    }

    @BeforeProperty
    void createStore() throws IOException {
        directory = Files.createTempDirectory("segment-contract");
        fs = openFileSystem(directory);
    }

    @AfterProperty
    void deleteStore() throws IOException {
        fs.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A path no test has used yet. */
    protected String newPath() {
        return "segments/s" + names.incrementAndGet() + ".seg";
    }

    protected String write(List<VectorRecord> records, SegmentWriteOptions options) throws IOException {
        String path = newPath();
        try (SegmentWriter writer = format().newWriter(fs, path, options)) {
            for (VectorRecord record : records) {
                writer.add(record);
            }
            assertThat(writer.count()).isEqualTo(records.size());
            long size = writer.finish();
            assertThat(size).isEqualTo(fs.size(path));
        }
        return path;
    }

    protected byte[] readAll(String path) throws IOException {
        try (ReadableFile file = fs.openForRead(path)) {
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(file.size()));
            file.readFully(buffer, 0);
            return buffer.array();
        }
    }

    /** Writes {@code bytes} to a new file and returns its path. */
    protected String writeCopy(byte[] bytes) throws IOException {
        String path = newPath();
        try (WritableFile file = fs.create(path)) {
            file.write(ByteBuffer.wrap(bytes));
        }
        return path;
    }

    /** A copy of {@code bytes} with the byte at {@code position} changed. */
    protected static byte[] flipped(byte[] bytes, int position) {
        byte[] copy = bytes.clone();
        copy[position] ^= (byte) 0x5A;
        return copy;
    }

    /** Checks the vector column in place: size, 64-byte alignment, read-only, and every float bit for bit. */
    protected static void assertVectors(Segment segment, List<VectorRecord> records, int dimension) {
        MemorySegment vectors = segment.vectors();
        assertThat(vectors.byteSize()).isEqualTo((long) records.size() * dimension * Float.BYTES);
        assertThat(vectors.address() % 64).as("vector column alignment").isZero();
        assertThat(vectors.isReadOnly()).isTrue();
        for (int ordinal = 0; ordinal < records.size(); ordinal++) {
            float[] expected = records.get(ordinal).vector();
            for (int i = 0; i < dimension; i++) {
                float actual = vectors.get(FLOAT_LE, ((long) ordinal * dimension + i) * Float.BYTES);
                if (Float.floatToRawIntBits(actual) != Float.floatToRawIntBits(expected[i])) {
                    throw new AssertionError("vector " + ordinal + " element " + i + ": " + actual + " != " + expected[i]);
                }
            }
        }
    }
}
