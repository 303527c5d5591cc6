package io.proximadb.storage.segment.viper;

import java.util.List;

/**
 * What a column needs to write its sections at {@code finish()}: the section output, the field's
 * number (for section names), the ordinals of its values, and the bitmap-index limit.
 */
final class FieldWriter {

    private final SectionOutput out;
    private final List<SectionEntry> entries;
    private final int field;
    private final int[] ordinals;
    private final int maxDistinct;

    FieldWriter(SectionOutput out, List<SectionEntry> entries, int field, int[] ordinals, int maxDistinct) {
        this.out = out;
        this.entries = entries;
        this.field = field;
        this.ordinals = ordinals;
        this.maxDistinct = maxDistinct;
    }

    /** Starts section {@code f<field>.<part>} and returns where its contents go. */
    ByteSink begin(String part) {
        out.begin(Layout.fieldSection(field, part));
        return out;
    }

    void end() {
        entries.add(out.end());
    }

    /** The ordinal of the value at {@code position} (values are in ordinal order). */
    int ordinal(int position) {
        return ordinals[position];
    }

    /** Whether a field with this many distinct keys gets a bitmap index. */
    boolean indexable(long distinct) {
        return maxDistinct > 0 && distinct <= maxDistinct;
    }

    BitmapIndexBuilder newIndex() {
        return new BitmapIndexBuilder(maxDistinct);
    }

    /** Writes the {@code bitmaps} section when the index is usable; says whether it did. */
    boolean writeIndex(BitmapIndexBuilder index) {
        if (!index.usable()) {
            return false;
        }
        index.write(begin(Layout.BITMAPS));
        end();
        return true;
    }
}
