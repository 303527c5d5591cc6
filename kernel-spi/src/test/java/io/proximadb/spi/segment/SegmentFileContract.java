package io.proximadb.spi.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.record.Ids;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The file-level half of the segment-format contract: the writer's rules (id order, dimension,
 * abandoning, finishing), whole-object files that refuse an existing path, deletion files, and
 * damaged or truncated files refused with {@link SegmentFormatException} naming the file.
 * {@link SegmentFormatContractTest} adds the content half; formats extend that.
 */
public abstract class SegmentFileContract extends SegmentContractSupport {

    @Property(tries = 25)
    void deletionFilesRoundTrip(@ForAll("deletions") BitSet deleted) throws IOException {
        String path = newPath();
        format().writeDeletions(fs, path, deleted);
        assertThat(format().readDeletions(fs, path)).isEqualTo(deleted);
    }

    @Provide
    Arbitrary<BitSet> deletions() {
        Arbitrary<BitSet> sparse = Arbitraries.integers().between(0, 3_000_000).set().ofMaxSize(300).map(ordinals -> {
            BitSet bits = new BitSet();
            ordinals.forEach(bits::set);
            return bits;
        });
        Arbitrary<BitSet> runs = Arbitraries.longs().map(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            BitSet bits = new BitSet();
            for (int i = random.nextInt(20); i > 0; i--) {
                int from = random.nextInt(500_000);
                bits.set(from, from + random.nextInt(70_000));
            }
            return bits;
        });
        return Arbitraries.oneOf(Arbitraries.just(new BitSet()), sparse, runs);
    }

    @Example
    void formatIsANamedPlugin() throws Exception {
        assertThat(format().name()).isNotBlank().isEqualTo(format().name().toLowerCase(Locale.ROOT));
        assertThat(format().description()).isNotBlank();
        format().checkAvailable();
    }

    @Example
    void writerRejectsIdsOutOfOrderAndKeepsGoing() throws IOException {
        String path = newPath();
        try (SegmentWriter writer = format().newWriter(fs, path, options(2))) {
            writer.add(new VectorRecord("\ue000", new float[] {1, 2}));
            assertThatThrownBy(() -> writer.add(new VectorRecord("b", new float[] {1, 2})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b'").hasMessageContaining("'\ue000'");
            assertThatThrownBy(() -> writer.add(new VectorRecord("\ue000", new float[] {1, 2})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'\ue000'");
            assertThat(writer.count()).isEqualTo(1);
            // Code point order: U+1F680 (a surrogate pair in UTF-16) comes after U+E000.
            writer.add(new VectorRecord("\ud83d\ude80", new float[] {3, 4}));
            writer.finish();
        }
        try (Segment segment = format().open(fs, path)) {
            assertThat(segment.count()).isEqualTo(2);
            assertThat(segment.id(1)).isEqualTo("\ud83d\ude80");
            assertThat(Ids.compare(segment.id(0), segment.id(1))).isNegative();
        }
    }

    @Example
    void writerRejectsAVectorOfTheWrongDimension() throws IOException {
        String path = newPath();
        try (SegmentWriter writer = format().newWriter(fs, path, options(4))) {
            assertThatThrownBy(() -> writer.add(new VectorRecord("a", new float[] {1, 2, 3})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3").hasMessageContaining("4");
            assertThat(writer.count()).isZero();
            writer.add(new VectorRecord("a", new float[] {1, 2, 3, 4}));
            writer.finish();
        }
        try (Segment segment = format().open(fs, path)) {
            assertThat(segment.count()).isEqualTo(1);
        }
    }

    @Example
    void closeWithoutFinishLeavesNoFile() throws IOException {
        String empty = newPath();
        format().newWriter(fs, empty, options(2)).close();
        assertThat(fs.exists(empty)).isFalse();
        String partial = newPath();
        try (SegmentWriter writer = format().newWriter(fs, partial, options(2))) {
            for (int i = 0; i < 5_000; i++) {
                writer.add(new VectorRecord(String.format("id%06d", i), new float[] {i, -i},
                        new Value.Obj(Map.of("i", new Value.Int(i)))));
            }
        }
        assertThat(fs.exists(partial)).isFalse();
    }

    @Example
    void aFinishedWriterIsDoneAndKeepsItsFile() throws IOException {
        String path = newPath();
        SegmentWriter writer = format().newWriter(fs, path, options(1));
        writer.add(new VectorRecord("a", new float[] {1}));
        writer.finish();
        assertThatThrownBy(() -> writer.add(new VectorRecord("b", new float[] {1}))).isInstanceOf(IllegalStateException.class);
        writer.close();
        writer.close();
        assertThat(fs.exists(path)).isTrue();
        Segment segment = format().open(fs, path);
        segment.close();
        segment.close();
    }

    @Example
    void newFilesRefuseAnExistingPath() throws IOException {
        String path = write(List.of(new VectorRecord("a", new float[] {1})), options(1));
        assertThatThrownBy(() -> format().newWriter(fs, path, options(1))).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> format().writeDeletions(fs, path, new BitSet())).isInstanceOf(FileAlreadyExistsException.class);
        try (Segment segment = format().open(fs, path)) {
            assertThat(segment.count()).isEqualTo(1);
        }
    }

    /** Damages one byte at a time: every byte of the first and last 128, and about 300 between. */
    @Example
    void damagedBytesOfASegmentAreRefused() throws IOException {
        List<VectorRecord> records = SegmentFixtures.build(3, List.of("a", "b", "c", "d"), List.of(
                new SegmentFixtures.FieldSpec("color", SegmentFixtures.Kind.LOW_STRINGS, 100),
                new SegmentFixtures.FieldSpec("n", SegmentFixtures.Kind.SMALL_INTS, 50),
                new SegmentFixtures.FieldSpec("tags", SegmentFixtures.Kind.ARRAYS, 90)), 7).records();
        byte[] bytes = readAll(write(records, options(3)));
        int stride = Math.max(1, bytes.length / 300);
        for (int position = 0; position < bytes.length; position += position < 128 || position >= bytes.length - 128 ? 1 : stride) {
            String damaged = writeCopy(flipped(bytes, position));
            assertThatThrownBy(() -> format().open(fs, damaged).close()).as("byte %d flipped", position)
                    .isInstanceOf(SegmentFormatException.class).hasMessageContaining(damaged);
            fs.delete(damaged);
        }
        for (int length : new int[] {0, 1, 8, 63, 64, 100, bytes.length / 2, bytes.length - 1}) {
            String truncated = writeCopy(Arrays.copyOf(bytes, Math.min(length, bytes.length - 1)));
            assertThatThrownBy(() -> format().open(fs, truncated).close()).as("cut to %d bytes", length)
                    .isInstanceOf(SegmentFormatException.class).hasMessageContaining(truncated);
        }
    }

    @Example
    void everyDamagedByteOfADeletionFileIsRefused() throws IOException {
        BitSet deleted = new BitSet();
        deleted.set(3);
        deleted.set(70_000, 70_100);
        String path = newPath();
        format().writeDeletions(fs, path, deleted);
        byte[] bytes = readAll(path);
        for (int position = 0; position < bytes.length; position++) {
            String damaged = writeCopy(flipped(bytes, position));
            assertThatThrownBy(() -> format().readDeletions(fs, damaged)).as("byte %d flipped", position)
                    .isInstanceOf(SegmentFormatException.class).hasMessageContaining(damaged);
        }
        for (int length = 0; length < bytes.length; length += Math.max(1, bytes.length / 10)) {
            String truncated = writeCopy(Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> format().readDeletions(fs, truncated)).as("cut to %d bytes", length)
                    .isInstanceOf(SegmentFormatException.class).hasMessageContaining(truncated);
        }
    }
}
