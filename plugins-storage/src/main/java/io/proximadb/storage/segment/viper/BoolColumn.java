package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Value;
import io.proximadb.spi.segment.FieldType;
import java.util.BitSet;

/** A BOOL column: one bit a value while buffering, one byte a value in the file. */
final class BoolColumn implements ColumnBuffer {

    private final BitSet bits = new BitSet();
    private int size;

    @Override
    public FieldType type() {
        return FieldType.BOOL;
    }

    @Override
    public boolean accepts(Value value) {
        return value instanceof Value.Bool;
    }

    @Override
    public void add(Value value) {
        bits.set(size++, ((Value.Bool) value).value());
    }

    @Override
    public Value get(int position) {
        return bits.get(position) ? Value.Bool.TRUE : Value.Bool.FALSE;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public FieldInfo write(String name, FieldWriter writer) {
        ByteSink values = writer.begin(Layout.VALUES);
        for (int i = 0; i < size; i++) {
            values.putByte(bits.get(i) ? 1 : 0);
        }
        writer.end();
        int trues = bits.cardinality();
        boolean anyFalse = trues < size;
        boolean anyTrue = trues > 0;
        int distinct = (anyFalse ? 1 : 0) + (anyTrue ? 1 : 0);
        BitmapIndexBuilder index = writer.newIndex();
        if (writer.indexable(distinct)) {
            for (int i = 0; i < size; i++) {
                index.addValue(get(i), writer.ordinal(i));
            }
        }
        writer.writeIndex(index);
        return new FieldInfo(name, FieldType.BOOL, size, distinct,
                anyFalse ? Value.Bool.FALSE : Value.Bool.TRUE, anyTrue ? Value.Bool.TRUE : Value.Bool.FALSE);
    }
}
