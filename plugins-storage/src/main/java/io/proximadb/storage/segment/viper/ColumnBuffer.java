package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Value;
import io.proximadb.spi.segment.FieldType;

/**
 * One field's values, in ordinal order, buffered by the writer until {@code finish()}. A field
 * starts with the column of its first value's type and moves to an {@link EncodedColumn} the
 * first time a value of another type arrives, so that every value reads back as written.
 */
sealed interface ColumnBuffer permits NumberColumn, BoolColumn, StringColumn, EncodedColumn {

    FieldType type();

    /** Whether this column can hold {@code value} without changing type. */
    boolean accepts(Value value);

    void add(Value value);

    /** The value at {@code position} (the position among the values, not the ordinal). */
    Value get(int position);

    int size();

    /** Writes the field's {@code values} and index sections and returns its statistics. */
    FieldInfo write(String name, FieldWriter writer);

    /** A new column for a field whose first value is {@code value}. */
    static ColumnBuffer forValue(Value value) {
        return switch (value) {
            case Value.Str ignored -> new StringColumn();
            case Value.Int ignored -> new NumberColumn(FieldType.INT);
            case Value.Real ignored -> new NumberColumn(FieldType.REAL);
            case Value.Bool ignored -> new BoolColumn();
            case Value.Array ignored -> new EncodedColumn();
            case Value.Obj ignored -> new EncodedColumn();
        };
    }
}
