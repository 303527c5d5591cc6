package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Value;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.BitSet;
import org.roaringbitmap.IntConsumer;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * A field's bitmap index, read in place: typed keys and one RoaringBitmap of ordinals per key,
 * mapped rather than copied ({@link ImmutableRoaringBitmap}). Answers equality with the engine's
 * semantics: an integer also matches equal reals and a real the integers equal to it. Immutable
 * and thread-safe.
 */
final class BitmapIndex {

    private final BinaryColumn strings;
    private final NumericKeys ints;
    private final NumericKeys reals;
    private final MemorySegment bools;
    private final ImmutableRoaringBitmap[] bitmaps;

    private BitmapIndex(BinaryColumn strings, NumericKeys ints, NumericKeys reals, MemorySegment bools,
                        ImmutableRoaringBitmap[] bitmaps) {
        this.strings = strings;
        this.ints = ints;
        this.reals = reals;
        this.bools = bools;
        this.bitmaps = bitmaps;
    }

    static BitmapIndex read(MemorySegment section, String part, int count) {
        ByteReader in = new ByteReader(section, part);
        int stringCount = in.count32();
        int intCount = in.count32();
        int realCount = in.count32();
        int boolCount = in.count32();
        if (boolCount > 2) {
            throw in.corrupt(boolCount + " boolean keys");
        }
        NumericKeys ints = new NumericKeys(in.slice((long) intCount * Long.BYTES), false);
        NumericKeys reals = new NumericKeys(in.slice((long) realCount * Long.BYTES), true);
        MemorySegment bools = in.slice(boolCount);
        BinaryColumn strings = BinaryColumn.read(in);
        if (strings.count() != stringCount) {
            throw in.corrupt("string key column holds " + strings.count() + " keys, expected " + stringCount);
        }
        strings.requireStrictlyIncreasing(part);
        long total = (long) stringCount + intCount + realCount + boolCount;
        if (total >= Integer.MAX_VALUE) {
            throw in.corrupt(total + " keys");
        }
        MemorySegment offsets = in.slice((total + 1) * Long.BYTES);
        MemorySegment area = in.slice(in.remaining());
        ImmutableRoaringBitmap[] bitmaps = new ImmutableRoaringBitmap[(int) total];
        for (int i = 0; i < total; i++) {
            long from = offsets.get(Layout.LONG, (long) i * Long.BYTES);
            long to = offsets.get(Layout.LONG, (i + 1L) * Long.BYTES);
            if (from < 0 || to < from || to > area.byteSize()) {
                throw in.corrupt("bitmap " + i + " lies outside the bitmap area");
            }
            bitmaps[i] = mapBitmap(area.asSlice(from, to - from), part, count);
        }
        return new BitmapIndex(strings, ints, reals, bools, bitmaps);
    }

    /**
     * Maps a serialized RoaringBitmap in place and checks that it is exactly its bytes and holds
     * only ordinals below {@code count}.
     */
    static ImmutableRoaringBitmap mapBitmap(MemorySegment bytes, String part, int count) {
        ImmutableRoaringBitmap bitmap;
        try {
            bitmap = new ImmutableRoaringBitmap(bytes.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
        } catch (RuntimeException e) {
            throw new CorruptSectionException(part, "a bitmap does not parse: " + e, e);
        }
        if (bitmap.serializedSizeInBytes() != bytes.byteSize()) {
            throw new CorruptSectionException(part, "a bitmap of " + bytes.byteSize() + " bytes declares "
                    + bitmap.serializedSizeInBytes());
        }
        if (!bitmap.isEmpty() && (bitmap.last() < 0 || bitmap.last() >= count)) {
            throw new CorruptSectionException(part, "a bitmap holds ordinal " + Integer.toUnsignedString(bitmap.last())
                    + ", beyond the segment's " + count + " records");
        }
        return bitmap;
    }

    /** The ordinals matching a scalar; empty for arrays and objects, which have no keys. */
    BitSet lookup(Value value) {
        BitSet result = new BitSet();
        int intBase = (int) strings.count();
        int realBase = intBase + (int) ints.count();
        int boolBase = realBase + (int) reals.count();
        switch (value) {
            case Value.Str s -> {
                byte[] utf8 = Utf8.encodeOrNull(s.value());
                long key = utf8 == null ? -1 : strings.find(utf8);
                if (key >= 0) {
                    or(result, bitmaps[(int) key]);
                }
            }
            case Value.Int i -> {
                orRun(result, intBase, ints.equal(i));
                orRun(result, realBase, reals.equal(i));
            }
            case Value.Real r -> {
                orRun(result, intBase, ints.equal(r));
                orRun(result, realBase, reals.equal(r));
            }
            case Value.Bool b -> {
                for (int k = 0; k < bools.byteSize(); k++) {
                    if ((bools.get(ValueLayout.JAVA_BYTE, k) != 0) == b.value()) {
                        or(result, bitmaps[boolBase + k]);
                    }
                }
            }
            case Value.Array ignored -> { }
            case Value.Obj ignored -> { }
        }
        return result;
    }

    private void orRun(BitSet result, int base, long[] run) {
        for (long k = run[0]; k < run[1]; k++) {
            or(result, bitmaps[base + (int) k]);
        }
    }

    private static void or(BitSet result, ImmutableRoaringBitmap bitmap) {
        bitmap.forEach((IntConsumer) result::set);
    }
}
