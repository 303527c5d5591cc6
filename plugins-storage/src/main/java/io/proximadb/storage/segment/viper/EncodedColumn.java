package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Value;
import io.proximadb.spi.segment.FieldType;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * An ENCODED column: arrays, objects and fields whose values differ in type, each value whole in
 * the {@code value} encoding. Its bitmap index, if the field has few enough distinct keys, holds
 * the scalar values and the scalar elements of array values.
 */
final class EncodedColumn implements ColumnBuffer {

    private final BinaryEntries values = new BinaryEntries();

    /** The column a typed column becomes when a value of another type arrives. */
    static EncodedColumn copyOf(ColumnBuffer typed) {
        EncodedColumn encoded = new EncodedColumn();
        for (int i = 0; i < typed.size(); i++) {
            encoded.add(typed.get(i));
        }
        return encoded;
    }

    @Override
    public FieldType type() {
        return FieldType.ENCODED;
    }

    @Override
    public boolean accepts(Value value) {
        return true;
    }

    @Override
    public void add(Value value) {
        ValueCodec.encode(value, values.open());
        values.close();
    }

    @Override
    public Value get(int position) {
        return ValueCodec.decode(new ByteReader(MemorySegment.ofArray(values.get(position)), "buffered value"));
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public FieldInfo write(String name, FieldWriter writer) {
        values.writeColumn(writer.begin(Layout.VALUES));
        writer.end();

        long[] hashes = new long[size()];
        BitmapIndexBuilder index = writer.newIndex();
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = values.hash(i);
            if (!index.gaveUp()) {
                index.addValue(get(i), writer.ordinal(i));
            }
        }
        Arrays.sort(hashes);
        long distinct = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                distinct++;
            }
        }
        writer.writeIndex(index);
        return new FieldInfo(name, FieldType.ENCODED, size(), distinct, null, null);
    }
}
