package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Value;
import io.proximadb.spi.segment.FieldType;
import org.roaringbitmap.RoaringBitmap;

/**
 * An INT or REAL column: 8 bytes a value while buffering (reals as their raw bits). Writes the
 * values, the sorted (value, ordinal) layout, and a bitmap index built from the sorted runs.
 */
final class NumberColumn implements ColumnBuffer {

    private final FieldType type;
    private final LongList bits = new LongList(16);

    NumberColumn(FieldType type) {
        this.type = type;
    }

    @Override
    public FieldType type() {
        return type;
    }

    @Override
    public boolean accepts(Value value) {
        return type == FieldType.INT ? value instanceof Value.Int : value instanceof Value.Real;
    }

    @Override
    public void add(Value value) {
        bits.add(type == FieldType.INT ? ((Value.Int) value).value() : Double.doubleToRawLongBits(((Value.Real) value).value()));
    }

    @Override
    public Value get(int position) {
        long raw = bits.get(position);
        return type == FieldType.INT ? new Value.Int(raw) : new Value.Real(Double.longBitsToDouble(raw));
    }

    @Override
    public int size() {
        return bits.size();
    }

    private int compare(int a, int b) {
        return type == FieldType.INT
                ? Long.compare(bits.get(a), bits.get(b))
                : Double.compare(Double.longBitsToDouble(bits.get(a)), Double.longBitsToDouble(bits.get(b)));
    }

    @Override
    public FieldInfo write(String name, FieldWriter writer) {
        int count = size();
        ByteSink values = writer.begin(Layout.VALUES);
        for (int i = 0; i < count; i++) {
            values.putLong(bits.get(i));
        }
        writer.end();

        // Stable, so equal values keep ordinal order: pairs come out sorted by (value, ordinal).
        int[] sorted = IntSorter.sortedPositions(count, this::compare);
        ByteSink layout = writer.begin(Layout.SORTED);
        for (int position : sorted) {
            layout.putLong(bits.get(position));
        }
        for (int position : sorted) {
            layout.putInt(writer.ordinal(position));
        }
        writer.end();

        long distinct = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || compare(sorted[i - 1], sorted[i]) != 0) {
                distinct++;
            }
        }
        BitmapIndexBuilder index = writer.newIndex();
        if (writer.indexable(distinct)) {
            for (int runStart = 0, i = 1; i <= count; i++) {
                if (i == count || compare(sorted[runStart], sorted[i]) != 0) {
                    RoaringBitmap ordinals = new RoaringBitmap();
                    for (int j = runStart; j < i; j++) {
                        ordinals.add(writer.ordinal(sorted[j]));
                    }
                    index.put(get(sorted[runStart]), ordinals);
                    runStart = i;
                }
            }
        }
        writer.writeIndex(index);
        return new FieldInfo(name, type, count, distinct, get(sorted[0]), get(sorted[count - 1]));
    }
}
