package io.proximadb.storage.segment.viper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.segment.FieldType;
import io.proximadb.spi.segment.Segment;
import io.proximadb.spi.segment.SegmentFormat;
import io.proximadb.spi.segment.SegmentFormatException;
import io.proximadb.spi.segment.SegmentWriteOptions;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import net.jqwik.api.Example;
import net.jqwik.api.Group;

/**
 * VIPER under the segment-format contract once per compression: zstd on the local disk, where
 * the file is memory-mapped and every segment is fsynced, lz4 and none in memory. Then what only
 * VIPER promises: every section names itself when damaged, versions are checked, unknown
 * sections are skipped, the bytes start as the format's page says, and large segments work.
 */
class ViperFormatTest extends ViperContract {

    ViperFormatTest() {
        super("zstd", false, SegmentWriteOptions.DEFAULT_BITMAP_MAX_DISTINCT);
    }

    @Group
    class Lz4InMemory extends ViperContract {
        Lz4InMemory() {
            super("lz4", true, SegmentWriteOptions.DEFAULT_BITMAP_MAX_DISTINCT);
        }
    }

    @Group
    class UncompressedInMemory extends ViperContract {
        UncompressedInMemory() {
            super("none", true, 3);
        }
    }

    /** Records that give a segment every kind of section. */
    private static List<VectorRecord> everyKindOfSection() {
        List<VectorRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(new VectorRecord(String.format("r%03d", i), new float[] {i, 0.5f * i},
                    new Value.Obj(Map.of(
                            "color", new Value.Str(i % 3 == 0 ? "red" : "blue"),
                            "n", new Value.Int(i % 5),
                            "price", new Value.Real(i * 1.25),
                            "flag", i % 2 == 0 ? Value.Bool.TRUE : Value.Bool.FALSE,
                            "tags", new Value.Array(List.of(new Value.Str("t" + i % 4), new Value.Int(i % 2))))),
                    i % 7 == 0 ? 1_000L + i : VectorRecord.NEVER_EXPIRES));
        }
        return records;
    }

    private Footer footerOf(byte[] bytes) {
        MemorySegment file = MemorySegment.ofArray(bytes);
        MemorySegment body = Envelope.footerBody(file);
        return Footer.decode(new ByteReader(body, "footer"), bytes.length - Layout.TAIL_SIZE - body.byteSize());
    }

    @Example
    void aDamagedSectionIsNamedWithItsField() throws IOException {
        byte[] bytes = readAll(write(everyKindOfSection(), options(2)));
        Footer footer = footerOf(bytes);
        assertThat(footer.sections()).extracting(SectionEntry::name).contains(
                "vectors", "ids", "expiries", "f0.presence", "f0.values", "f0.dict", "f0.bitmaps", "f2.sorted");
        for (SectionEntry section : footer.sections()) {
            String damaged = writeCopy(flipped(bytes, (int) (section.offset() + section.length() / 2)));
            String field = section.name().startsWith("f")
                    ? " (field '" + footer.fields().get(section.name().charAt(1) - '0').name() + "')" : "";
            assertThatThrownBy(() -> format().open(fs, damaged)).isInstanceOf(SegmentFormatException.class)
                    .hasMessageContaining("'" + damaged + "'")
                    .hasMessageContaining("section '" + section.name() + "'" + field)
                    .hasMessageContaining("CRC32C");
        }
        String header = writeCopy(flipped(bytes, 9));
        assertThatThrownBy(() -> format().open(fs, header)).hasMessageContaining("'" + header + "': header: CRC32C");
        String footerDamage = writeCopy(flipped(bytes, bytes.length - Layout.TAIL_SIZE - 3));
        assertThatThrownBy(() -> format().open(fs, footerDamage)).hasMessageContaining("'" + footerDamage + "': footer: CRC32C");
    }

    @Example
    void anUnknownVersionIsRefusedNamingBothVersions() throws IOException {
        byte[] bytes = readAll(write(everyKindOfSection(), options(2)));
        byte[] newerHeader = bytes.clone();
        ByteBuffer.wrap(newerHeader).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2);
        String header = writeCopy(newerHeader);
        assertThatThrownBy(() -> format().open(fs, header)).isInstanceOf(SegmentFormatException.class)
                .hasMessageContaining(header).hasMessageContaining("version 2").hasMessageContaining("supports version 1");
        byte[] newerTail = bytes.clone();
        ByteBuffer.wrap(newerTail).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - Layout.TAIL_SIZE + 16, 7);
        String tail = writeCopy(newerTail);
        assertThatThrownBy(() -> format().open(fs, tail)).isInstanceOf(SegmentFormatException.class)
                .hasMessageContaining("version 7").hasMessageContaining("supports version 1");
    }

    @Example
    void aTruncatedFileSaysSo() throws IOException {
        byte[] bytes = readAll(write(everyKindOfSection(), options(2)));
        String truncated = writeCopy(Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> format().open(fs, truncated)).isInstanceOf(SegmentFormatException.class)
                .hasMessageContaining(truncated).hasMessageContaining("truncated");
        String tiny = writeCopy(Arrays.copyOf(bytes, 40));
        assertThatThrownBy(() -> format().open(fs, tiny)).isInstanceOf(SegmentFormatException.class)
                .hasMessageContaining("too short");
    }

    @Example
    void unknownSectionsAreSkipped() throws IOException {
        List<VectorRecord> records = everyKindOfSection();
        byte[] bytes = readAll(write(records, options(2)));
        Footer footer = footerOf(bytes);
        long footerOffset = bytes.length - Layout.TAIL_SIZE - ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                .getLong(bytes.length - Layout.TAIL_SIZE + 8);
        String path = newPath();
        FileOutput out = new FileOutput(fs.create(path));
        out.putBytes(bytes, 0, (int) footerOffset);
        List<SectionEntry> sections = new ArrayList<>(footer.sections());
        SectionOutput section = new SectionOutput(out, Codec.ZSTD, 3);
        for (String name : List.of("quantized.int8", "f1.future-part", "f99.values")) {
            section.begin(name);
            section.putBytes(new byte[5000]);
            sections.add(section.end());
        }
        Envelope.writeFooter(out, new Footer(footer.count(), footer.dimension(), sections, footer.fields()));
        out.syncAndClose();
        try (Segment segment = format().open(fs, path)) {
            for (int i = 0; i < records.size(); i++) {
                assertThat(segment.record(i)).isEqualTo(records.get(i));
            }
        }
    }

    @Example
    void theFileStartsAndEndsAsTheFormatPageSays() throws IOException {
        float[] vector = {1.5f, -2f, 0f};
        byte[] bytes = readAll(write(List.of(new VectorRecord("a", vector)), options(3)));
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PXVS");
        assertThat(le.getInt(4)).isEqualTo(1);
        assertThat(le.getInt(8)).isEqualTo(3);
        assertThat(le.getFloat(64)).isEqualTo(1.5f);
        assertThat(le.getFloat(68)).isEqualTo(-2f);
        assertThat(new String(bytes, bytes.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PXVS");
        assertThat(le.getInt(bytes.length - 12)).isEqualTo(1);
    }

    @Example
    void unknownCompressionsAndZstdLevelsAreRefused() {
        assertThatThrownBy(() -> format().newWriter(fs, newPath(), new SegmentWriteOptions(2, "snappy", 1, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snappy")
                .hasMessageContaining("zstd, lz4, none");
        assertThatThrownBy(() -> format().newWriter(fs, newPath(), new SegmentWriteOptions(2, "zstd", 23, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("23");
    }

    @Example
    void compressionShrinksRepetitiveColumnsAndIsRecordedPerSection() throws IOException {
        List<VectorRecord> records = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            records.add(new VectorRecord(String.format("document-%08d", i), new float[] {1},
                    new Value.Obj(Map.of("n", new Value.Int(i), "body", new Value.Str("lorem ipsum " + i % 100)))));
        }
        long none = readAll(write(records, new SegmentWriteOptions(1, "none", 1, 0))).length;
        byte[] zstd = readAll(write(records, new SegmentWriteOptions(1, "zstd", 3, 0)));
        long lz4 = readAll(write(records, new SegmentWriteOptions(1, "lz4", 1, 0))).length;
        assertThat(zstd.length).isLessThan((int) (none / 2));
        assertThat(lz4).isLessThan(none);
        Map<String, Codec> codecs = new HashMap<>();
        footerOf(zstd).sections().forEach(s -> codecs.put(s.name(), s.codec()));
        assertThat(codecs).containsEntry("vectors", Codec.NONE).containsEntry("ids", Codec.ZSTD);
    }

    @Example
    void bitmapIndexesFollowTheDistinctLimit() throws IOException {
        List<VectorRecord> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(new VectorRecord(String.format("%03d", i), new float[] {1},
                    new Value.Obj(Map.of("five", new Value.Int(i % 5), "many", new Value.Str("v" + i)))));
        }
        try (Segment segment = format().open(fs, write(records, new SegmentWriteOptions(1, "zstd", 3, 5)))) {
            assertThat(segment.fieldStats().get("five").bitmapIndexed()).isTrue();
            assertThat(segment.fieldStats().get("many").bitmapIndexed()).isFalse();
            assertThat(segment.equalTo("five", new Value.Real(2.0)).cardinality()).isEqualTo(20);
            assertThat(segment.equalTo("many", new Value.Str("v7")).stream().toArray()).containsExactly(7);
        }
        try (Segment segment = format().open(fs, write(records, new SegmentWriteOptions(1, "zstd", 3, 4)))) {
            assertThat(segment.fieldStats().get("five").bitmapIndexed()).isFalse();
            assertThat(segment.range("five", new Value.Int(1), true, new Value.Real(2.5), false).cardinality()).isEqualTo(40);
        }
    }

    @Example
    void aLargeSegmentRoundTrips() throws IOException {
        int count = 300_000;
        List<VectorRecord> records = new ArrayList<>(count);
        List<Value> colors = List.of(new Value.Str("red"), new Value.Str("green"), new Value.Str("blue"));
        for (int i = 0; i < count; i++) {
            records.add(new VectorRecord(String.format("id%07d", i), new float[] {i, -i},
                    new Value.Obj(Map.of("color", colors.get(i % 3), "n", new Value.Int(i)))));
        }
        try (Segment segment = format().open(fs, write(records, options(2)))) {
            assertThat(segment.count()).isEqualTo(count);
            for (int i = 0; i < count; i += 997) {
                assertThat(segment.ordinalOf(records.get(i).id())).isEqualTo(i);
                assertThat(segment.record(i)).isEqualTo(records.get(i));
            }
            assertThat(segment.fieldStats().get("color").type()).isEqualTo(FieldType.STRING);
            assertThat(segment.equalTo("color", new Value.Str("green")).cardinality()).isEqualTo(count / 3);
            assertThat(segment.range("n", new Value.Int(1_000), true, new Value.Int(2_000), false).cardinality()).isEqualTo(1_000);
        }
    }

    @Example
    void theServiceLoaderFindsViper() throws Exception {
        SegmentFormat found = ServiceLoader.load(SegmentFormat.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("viper")).findFirst().orElseThrow();
        found.checkAvailable();
        assertThat(found).isInstanceOf(ViperFormat.class);
    }
}
