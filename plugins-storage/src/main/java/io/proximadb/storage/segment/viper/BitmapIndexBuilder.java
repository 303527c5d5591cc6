package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Ids;
import io.proximadb.spi.record.Value;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;

/**
 * Collects the bitmap index of one field: for each scalar key, the ordinals whose value is that
 * key or an array holding it. Gives up, and frees what it holds, as soon as the field has more
 * than {@code maxKeys} distinct keys. Not thread-safe.
 */
final class BitmapIndexBuilder {

    private final int maxKeys;
    private final TreeMap<String, RoaringBitmap> strings = new TreeMap<>(Ids.ORDER);
    private final TreeMap<Long, RoaringBitmap> ints = new TreeMap<>();
    /** {@link Double#compareTo} is {@link Double#compare}: {@code -0.0} is a key of its own. */
    private final TreeMap<Double, RoaringBitmap> reals = new TreeMap<>();
    private final TreeMap<Boolean, RoaringBitmap> bools = new TreeMap<>();
    private boolean overflowed;

    BitmapIndexBuilder(int maxKeys) {
        this.maxKeys = maxKeys;
        this.overflowed = maxKeys <= 0;
    }

    /** Indexes a record's value: a scalar under itself, an array under each scalar element. */
    void addValue(Value value, int ordinal) {
        if (value instanceof Value.Array array) {
            for (Value element : array.values()) {
                bitmap(element).ifPresent(bitmap -> bitmap.add(ordinal));
            }
        } else {
            bitmap(value).ifPresent(bitmap -> bitmap.add(ordinal));
        }
    }

    /** Sets the ordinals of a key that the caller collected itself. */
    void put(Value key, RoaringBitmap ordinals) {
        bitmap(key).ifPresent(bitmap -> bitmap.or(ordinals));
    }

    /** Whether there is an index to write: at least one key and not more than allowed. */
    boolean usable() {
        return !overflowed && keyCount() > 0;
    }

    /** Whether the field turned out to have too many keys; later values are then ignored. */
    boolean gaveUp() {
        return overflowed;
    }

    private int keyCount() {
        return strings.size() + ints.size() + reals.size() + bools.size();
    }

    private Optional<RoaringBitmap> bitmap(Value key) {
        if (overflowed) {
            return Optional.empty();
        }
        RoaringBitmap bitmap = switch (key) {
            case Value.Str s -> strings.computeIfAbsent(s.value(), k -> new RoaringBitmap());
            case Value.Int i -> ints.computeIfAbsent(i.value(), k -> new RoaringBitmap());
            case Value.Real r -> reals.computeIfAbsent(r.value(), k -> new RoaringBitmap());
            case Value.Bool b -> bools.computeIfAbsent(b.value(), k -> new RoaringBitmap());
            case Value.Array ignored -> null;
            case Value.Obj ignored -> null;
        };
        if (keyCount() > maxKeys) {
            overflowed = true;
            strings.clear();
            ints.clear();
            reals.clear();
            bools.clear();
            return Optional.empty();
        }
        return Optional.ofNullable(bitmap);
    }

    /** Writes the {@code bitmaps} section's contents (see the format's page). */
    void write(ByteSink out) {
        out.putInt(strings.size());
        out.putInt(ints.size());
        out.putInt(reals.size());
        out.putInt(bools.size());
        ints.keySet().forEach(out::putLong);
        reals.keySet().forEach(out::putDouble);
        bools.keySet().forEach(b -> out.putByte(b ? 1 : 0));
        BinaryEntries keys = new BinaryEntries();
        strings.keySet().forEach(s -> keys.add(s.getBytes(StandardCharsets.UTF_8)));
        keys.writeColumn(out);
        List<RoaringBitmap> bitmaps = new ArrayList<>(keyCount());
        for (Map<?, RoaringBitmap> group : List.<Map<?, RoaringBitmap>>of(strings, ints, reals, bools)) {
            bitmaps.addAll(group.values());
        }
        long offset = 0;
        out.putLong(offset);
        for (RoaringBitmap bitmap : bitmaps) {
            bitmap.runOptimize();
            offset += bitmap.serializedSizeInBytes();
            out.putLong(offset);
        }
        for (RoaringBitmap bitmap : bitmaps) {
            writeBitmap(bitmap, out);
        }
    }

    /** Writes a bitmap in the portable serialization, already run-optimized by the caller if wanted. */
    static void writeBitmap(RoaringBitmap bitmap, ByteSink out) {
        ByteBuffer buffer = ByteBuffer.allocate(bitmap.serializedSizeInBytes()).order(ByteOrder.LITTLE_ENDIAN);
        bitmap.serialize(buffer);
        out.putBytes(buffer.array());
    }
}
