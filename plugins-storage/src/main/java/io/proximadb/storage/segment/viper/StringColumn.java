package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Value;
import io.proximadb.spi.segment.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * A STRING column, dictionary-encoded. While buffering, each value is a 4-byte reference to an
 * entry holding its UTF-8 bytes. Repeated short strings share an entry through a map bounded to
 * {@link #DEDUP_LIMIT} strings of at most {@link #DEDUP_MAX_CHARS} chars (about 1 MiB), which
 * covers the low-cardinality fields where sharing pays; other strings get entries of their own.
 * At {@code finish()} the entries are sorted by code point and merged into the dictionary, and
 * the references become dictionary codes.
 */
final class StringColumn implements ColumnBuffer {

    private static final int DEDUP_LIMIT = 4096;
    private static final int DEDUP_MAX_CHARS = 64;

    private final BinaryEntries entries = new BinaryEntries();
    private final IntList references = new IntList(16);
    private final Map<String, Integer> seen = new HashMap<>();

    @Override
    public FieldType type() {
        return FieldType.STRING;
    }

    @Override
    public boolean accepts(Value value) {
        return value instanceof Value.Str;
    }

    @Override
    public void add(Value value) {
        String text = ((Value.Str) value).value();
        Integer entry = seen.get(text);
        if (entry == null) {
            entry = entries.size();
            entries.add(text.getBytes(StandardCharsets.UTF_8));
            if (seen.size() < DEDUP_LIMIT && text.length() <= DEDUP_MAX_CHARS) {
                seen.put(text, entry);
            }
        }
        references.add(entry);
    }

    @Override
    public Value get(int position) {
        return new Value.Str(new String(entries.get(references.get(position)), StandardCharsets.UTF_8));
    }

    @Override
    public int size() {
        return references.size();
    }

    @Override
    public FieldInfo write(String name, FieldWriter writer) {
        int[] sorted = IntSorter.sortedPositions(entries.size(), entries::compare);
        int[] codeOf = new int[entries.size()];
        int dictionarySize = 0;
        for (int i = 0; i < sorted.length; i++) {
            int entry = sorted[i];
            if (i == 0 || entries.compare(sorted[dictionarySize - 1], entry) != 0) {
                // The first entry of each run of equal ones stands for it in the dictionary.
                sorted[dictionarySize++] = entry;
            }
            codeOf[entry] = dictionarySize - 1;
        }

        entries.writeColumn(writer.begin(Layout.DICT), sorted, dictionarySize);
        writer.end();

        int width = codeWidth(dictionarySize);
        ByteSink codes = writer.begin(Layout.VALUES);
        for (int i = 0; i < size(); i++) {
            int code = codeOf[references.get(i)];
            switch (width) {
                case 1 -> codes.putByte(code);
                case 2 -> codes.putShort(code);
                default -> codes.putInt(code);
            }
        }
        writer.end();

        BitmapIndexBuilder index = writer.newIndex();
        if (writer.indexable(dictionarySize)) {
            RoaringBitmap[] byCode = new RoaringBitmap[dictionarySize];
            for (int i = 0; i < size(); i++) {
                int code = codeOf[references.get(i)];
                if (byCode[code] == null) {
                    byCode[code] = new RoaringBitmap();
                }
                byCode[code].add(writer.ordinal(i));
            }
            for (int code = 0; code < dictionarySize; code++) {
                index.put(dictionaryValue(sorted[code]), byCode[code]);
            }
        }
        writer.writeIndex(index);
        return new FieldInfo(name, FieldType.STRING, size(), dictionarySize,
                dictionaryValue(sorted[0]), dictionaryValue(sorted[dictionarySize - 1]));
    }

    private Value.Str dictionaryValue(int entry) {
        return new Value.Str(new String(entries.get(entry), StandardCharsets.UTF_8));
    }

    /** The bytes a dictionary code takes for a dictionary of {@code size} entries. */
    static int codeWidth(long size) {
        return size <= 1 << 8 ? 1 : size <= 1 << 16 ? 2 : 4;
    }
}
