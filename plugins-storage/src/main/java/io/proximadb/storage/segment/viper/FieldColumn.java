package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Value;
import io.proximadb.spi.segment.FieldStats;
import io.proximadb.spi.segment.FieldType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;
import java.util.function.IntPredicate;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * One top-level metadata field of an open segment: which ordinals have it, their values, and the
 * structures that answer filters on it. Everything lives in the segment's memory; this object
 * holds only views. Immutable and thread-safe.
 */
final class FieldColumn {

    private final FieldInfo info;
    private final String valuesPart;
    private final int count;
    private final int present;
    private final ImmutableRoaringBitmap presence;
    private final MemorySegment values;
    private final BinaryColumn dictionary;
    private final BinaryColumn encoded;
    private final int codeWidth;
    private final SortedNumbers sorted;
    private final BitmapIndex index;

    private FieldColumn(int field, FieldInfo info, Sections sections, int count) {
        this.info = info;
        this.count = count;
        this.present = (int) info.present();
        this.valuesPart = Layout.fieldSection(field, Layout.VALUES);
        String presencePart = Layout.fieldSection(field, Layout.PRESENCE);
        this.presence = BitmapIndex.mapBitmap(sections.require(presencePart), presencePart, count);
        if (presence.getCardinality() != present || present == 0) {
            throw new CorruptSectionException(presencePart, "holds " + presence.getCardinality()
                    + " ordinals; the footer says " + info.present());
        }
        this.values = sections.require(valuesPart);
        this.dictionary = info.type() == FieldType.STRING ? readDictionary(field, sections) : null;
        this.codeWidth = dictionary == null ? 0 : StringColumn.codeWidth(dictionary.count());
        this.encoded = info.type() == FieldType.ENCODED ? readEncoded() : null;
        checkValues();
        boolean numeric = info.type() == FieldType.INT || info.type() == FieldType.REAL;
        String sortedPart = Layout.fieldSection(field, Layout.SORTED);
        this.sorted = numeric
                ? SortedNumbers.read(sections.require(sortedPart), sortedPart, present, count, info.type() == FieldType.REAL)
                : null;
        String indexPart = Layout.fieldSection(field, Layout.BITMAPS);
        MemorySegment indexSection = sections.optional(indexPart);
        this.index = indexSection == null ? null : BitmapIndex.read(indexSection, indexPart, count);
    }

    static FieldColumn read(int field, FieldInfo info, Sections sections, int count) {
        return new FieldColumn(field, info, sections, count);
    }

    private static BinaryColumn readDictionary(int field, Sections sections) {
        String part = Layout.fieldSection(field, Layout.DICT);
        ByteReader in = new ByteReader(sections.require(part), part);
        BinaryColumn dictionary = BinaryColumn.read(in);
        in.expectEnd();
        dictionary.requireStrictlyIncreasing(part);
        if (dictionary.count() == 0) {
            throw in.corrupt("empty dictionary");
        }
        return dictionary;
    }

    private BinaryColumn readEncoded() {
        ByteReader in = new ByteReader(values, valuesPart);
        BinaryColumn column = BinaryColumn.read(in);
        in.expectEnd();
        return column;
    }

    private void checkValues() {
        long expected = switch (info.type()) {
            case INT, REAL -> (long) present * Long.BYTES;
            case BOOL -> present;
            case STRING -> (long) present * codeWidth;
            case ENCODED -> values.byteSize();
        };
        if (values.byteSize() != expected || (encoded != null && encoded.count() != present)) {
            throw new CorruptSectionException(valuesPart, "holds " + values.byteSize() + " bytes, not the "
                    + present + " " + info.type() + " values the footer announces");
        }
        for (int position = 0; dictionary != null && position < present; position++) {
            if (code(position) >= dictionary.count()) {
                throw new CorruptSectionException(valuesPart, "code " + code(position) + " at position " + position
                        + " is beyond the dictionary's " + dictionary.count() + " entries");
            }
        }
    }

    String name() {
        return info.name();
    }

    FieldType type() {
        return info.type();
    }

    FieldStats stats() {
        return new FieldStats(info.name(), info.type(), present, info.min(), info.max(), info.distinct(), index != null);
    }

    /** The position among the field's values of the record at {@code ordinal}, or -1 if it lacks the field. */
    private int position(int ordinal) {
        if (present == count) {
            return ordinal;
        }
        return presence.contains(ordinal) ? (int) presence.rankLong(ordinal) - 1 : -1;
    }

    private long code(int position) {
        return switch (codeWidth) {
            case 1 -> values.get(ValueLayout.JAVA_BYTE, position) & 0xFFL;
            case 2 -> values.get(Layout.SHORT, 2L * position) & 0xFFFFL;
            default -> values.get(Layout.INT, 4L * position) & 0xFFFF_FFFFL;
        };
    }

    /** The value of the record at {@code ordinal}, or {@code null} if it lacks the field. */
    Value value(int ordinal) {
        int position = position(ordinal);
        if (position < 0) {
            return null;
        }
        return switch (info.type()) {
            case INT -> new Value.Int(values.get(Layout.LONG, (long) position * Long.BYTES));
            case REAL -> new Value.Real(values.get(Layout.DOUBLE, (long) position * Long.BYTES));
            case BOOL -> values.get(ValueLayout.JAVA_BYTE, position) != 0 ? Value.Bool.TRUE : Value.Bool.FALSE;
            case STRING -> new Value.Str(dictionary.string(code(position)));
            case ENCODED -> ValueCodec.decode(new ByteReader(encoded.entry(position), valuesPart));
        };
    }

    /** The ordinals whose value equals {@code value} (see {@code Segment.equalTo}), or {@code null}. */
    BitSet equalTo(Value value) {
        boolean scalar = !(value instanceof Value.Array) && !(value instanceof Value.Obj);
        if (info.type() == FieldType.ENCODED) {
            return index != null && scalar ? index.lookup(value) : null;
        }
        if (!scalar) {
            return new BitSet();
        }
        if (index != null) {
            return index.lookup(value);
        }
        return switch (info.type()) {
            case INT, REAL -> NumericKeys.isNumber(value) ? sorted.equal(value) : new BitSet();
            case STRING -> {
                byte[] utf8 = value instanceof Value.Str s ? Utf8.encodeOrNull(s.value()) : null;
                long code = utf8 == null ? -1 : dictionary.find(utf8);
                yield code < 0 ? new BitSet() : scan(position -> code(position) == code);
            }
            case BOOL -> value instanceof Value.Bool b
                    ? scan(position -> (values.get(ValueLayout.JAVA_BYTE, position) != 0) == b.value())
                    : new BitSet();
            case ENCODED -> null;
        };
    }

    /** The ordinals whose number lies between the bounds, or {@code null} for a field that is not INT or REAL. */
    BitSet range(Value lower, boolean lowerInclusive, Value upper, boolean upperInclusive) {
        return sorted == null ? null : sorted.range(lower, lowerInclusive, upper, upperInclusive);
    }

    private BitSet scan(IntPredicate matches) {
        BitSet result = new BitSet();
        PeekableIntIterator ordinals = presence.getIntIterator();
        for (int position = 0; position < present; position++) {
            int ordinal = ordinals.next();
            if (matches.test(position)) {
                result.set(ordinal);
            }
        }
        return result;
    }
}
