package io.proximadb.storage.segment.viper;

import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.segment.FieldStats;
import io.proximadb.spi.segment.Segment;
import io.proximadb.spi.segment.SegmentFormatException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An open VIPER segment. The file is mapped once; the vector column is read in place, other
 * columns from the mapping or from their decoded off-heap copies, all owned by one shared
 * {@link Arena} that {@link #close()} releases. No per-record object lives on the heap.
 * Thread-safe until closed.
 */
final class ViperSegment implements Segment {

    private final String path;
    private final long sizeBytes;
    private final int count;
    private final int dimension;
    private final MemorySegment vectors;
    private final BinaryColumn ids;
    private final MemorySegment expiries;
    private final FieldColumn[] fields;
    private final Map<String, FieldColumn> fieldsByName;
    private final Map<String, FieldStats> stats;
    private final Arena arena;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Builds the views; throws {@link CorruptSectionException} for a section that breaks the format. */
    ViperSegment(String path, long sizeBytes, Footer footer, Sections sections, Arena arena) {
        this.path = path;
        this.sizeBytes = sizeBytes;
        this.arena = arena;
        this.count = (int) footer.count();
        this.dimension = footer.dimension();
        this.vectors = readVectors(footer, sections);
        ByteReader idReader = new ByteReader(sections.require(Layout.IDS), Layout.IDS);
        this.ids = BinaryColumn.read(idReader);
        idReader.expectEnd();
        if (ids.count() != count) {
            throw new CorruptSectionException(Layout.IDS, "holds " + ids.count() + " ids for " + count + " records");
        }
        ids.requireStrictlyIncreasing(Layout.IDS);
        this.expiries = sections.optional(Layout.EXPIRIES);
        if (expiries != null && expiries.byteSize() != (long) count * Long.BYTES) {
            throw new CorruptSectionException(Layout.EXPIRIES, "holds " + expiries.byteSize() + " bytes for " + count + " records");
        }
        this.fields = new FieldColumn[footer.fields().size()];
        this.fieldsByName = HashMap.newHashMap(fields.length);
        Map<String, FieldStats> statistics = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i++) {
            fields[i] = FieldColumn.read(i, footer.fields().get(i), sections, count);
            if (fieldsByName.put(fields[i].name(), fields[i]) != null) {
                throw new CorruptSectionException("footer", "field '" + fields[i].name() + "' is listed twice");
            }
            statistics.put(fields[i].name(), fields[i].stats());
        }
        this.stats = Collections.unmodifiableMap(statistics);
    }

    private static MemorySegment readVectors(Footer footer, Sections sections) {
        SectionEntry entry = footer.sections().stream().filter(s -> s.name().equals(Layout.VECTORS)).findFirst()
                .orElseThrow(() -> new CorruptSectionException(Layout.VECTORS, "section is missing"));
        long expected = footer.count() * footer.dimension() * Float.BYTES;
        if (entry.codec() != Codec.NONE || entry.offset() != Layout.HEADER_SIZE || entry.length() != expected) {
            throw new CorruptSectionException(Layout.VECTORS, "must be " + expected + " raw bytes at offset "
                    + Layout.HEADER_SIZE + ", found " + entry.length() + " " + entry.codec() + " bytes at " + entry.offset());
        }
        return sections.require(Layout.VECTORS);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public MemorySegment vectors() {
        return vectors;
    }

    @Override
    public VectorValues vectorValues() {
        return new VectorValues() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public float[] vector(int ordinal) {
                return copyVector(ordinal);
            }

            @Override
            public MemorySegment segment() {
                return vectors;
            }
        };
    }

    private float[] copyVector(int ordinal) {
        Objects.checkIndex(ordinal, count);
        float[] vector = new float[dimension];
        MemorySegment.copy(vectors, Layout.FLOAT, (long) ordinal * dimension * Float.BYTES, vector, 0, dimension);
        return vector;
    }

    @Override
    public String id(int ordinal) {
        return ids.string(Objects.checkIndex(ordinal, count));
    }

    @Override
    public int ordinalOf(String id) {
        byte[] utf8 = Utf8.encodeOrNull(id);
        return utf8 == null ? -1 : (int) ids.find(utf8);
    }

    @Override
    public Value.Obj metadata(int ordinal) {
        Objects.checkIndex(ordinal, count);
        Map<String, Value> values = null;
        try {
            for (FieldColumn field : fields) {
                Value value = field.value(ordinal);
                if (value != null) {
                    if (values == null) {
                        values = HashMap.newHashMap(fields.length);
                    }
                    values.put(field.name(), value);
                }
            }
        } catch (CorruptSectionException e) {
            // The checksum matched, so this is a writer bug rather than a damaged file; still say where.
            throw new UncheckedIOException(new SegmentFormatException(
                    SegmentReader.describe(path, null, e.part()) + ": " + e.getMessage(), e));
        }
        return values == null ? Value.Obj.EMPTY : new Value.Obj(values);
    }

    @Override
    public long expiresAt(int ordinal) {
        Objects.checkIndex(ordinal, count);
        return expiries == null ? VectorRecord.NEVER_EXPIRES : expiries.get(Layout.LONG, (long) ordinal * Long.BYTES);
    }

    @Override
    public boolean hasExpiries() {
        return expiries != null;
    }

    @Override
    public VectorRecord record(int ordinal) {
        return new VectorRecord(id(ordinal), copyVector(ordinal), metadata(ordinal), expiresAt(ordinal));
    }

    @Override
    public Map<String, FieldStats> fieldStats() {
        return stats;
    }

    @Override
    public BitSet equalTo(String field, Value value) {
        Objects.requireNonNull(value, "value");
        FieldColumn column = fieldsByName.get(Objects.requireNonNull(field, "field"));
        if (column == null) {
            return unknownField(field);
        }
        return column.equalTo(value);
    }

    @Override
    public BitSet range(String field, Value lower, boolean lowerInclusive, Value upper, boolean upperInclusive) {
        requireBound(lower, "lower");
        requireBound(upper, "upper");
        FieldColumn column = fieldsByName.get(Objects.requireNonNull(field, "field"));
        if (column == null) {
            return unknownField(field);
        }
        return column.range(lower, lowerInclusive, upper, upperInclusive);
    }

    /** No record has a plain field the segment lacks; a dotted name may be a nested path, which is not answered. */
    private static BitSet unknownField(String field) {
        return field.indexOf('.') >= 0 ? null : new BitSet();
    }

    private static void requireBound(Value bound, String which) {
        if (bound != null && !NumericKeys.isNumber(bound)) {
            throw new IllegalArgumentException("range " + which + " bound must be an integer or a real, got " + bound);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "ViperSegment[" + path + ", " + count + " records, dimension " + dimension + "]";
    }
}
