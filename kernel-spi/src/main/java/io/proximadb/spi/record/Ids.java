package io.proximadb.spi.record;

import java.util.Comparator;

/**
 * The one order of record ids everywhere in ProximaDB: Unicode code point order, which is also the
 * unsigned byte order of the ids' UTF-8 encodings. Memtables iterate in it and segments are sorted
 * by it, so that a radix tree over UTF-8 bytes and a comparator over strings agree.
 */
public final class Ids {

    /** Ids longer than this many UTF-8 bytes are rejected. */
    public static final int MAX_ID_BYTES = 512;

    /** Code point order; differs from {@link String#compareTo} only around surrogate pairs. */
    public static final Comparator<String> ORDER = Ids::compare;

    private Ids() {
    }

    public static int compare(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // UTF-16 code units order surrogates (D800-DFFF) below E000-FFFF, but the code
                // points they encode are above: lift surrogates over the rest of the BMP.
                return Integer.compare(lift(x), lift(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int lift(char c) {
        return Character.isSurrogate(c) ? c + 0x10000 : c;
    }
}
