package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Value;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/** One top-level metadata field while a segment is written: which ordinals have it, and their values. */
final class FieldBuffer {

    private final String name;
    private final RoaringBitmap presence = new RoaringBitmap();
    private ColumnBuffer column;

    FieldBuffer(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Adds the value of the record at {@code ordinal}; ordinals arrive in increasing order. */
    void add(int ordinal, Value value) {
        if (column == null) {
            column = ColumnBuffer.forValue(value);
        } else if (!column.accepts(value)) {
            column = EncodedColumn.copyOf(column);
        }
        column.add(value);
        presence.add(ordinal);
    }

    /** Writes the field's sections as field number {@code field} and returns its statistics. */
    FieldInfo write(int field, SectionOutput out, List<SectionEntry> entries, int maxDistinct) {
        presence.runOptimize();
        out.begin(Layout.fieldSection(field, Layout.PRESENCE));
        BitmapIndexBuilder.writeBitmap(presence, out);
        entries.add(out.end());
        return column.write(name, new FieldWriter(out, entries, field, presence.toArray(), maxDistinct));
    }
}
