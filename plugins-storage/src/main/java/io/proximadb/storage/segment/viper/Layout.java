package io.proximadb.storage.segment.viper;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** The fixed numbers of the VIPER format (see {@code docs/formats/viper.md}). */
final class Layout {

    /** {@code PXVS} read as a little-endian {@code u32}. */
    static final int MAGIC = 0x53_56_58_50;
    static final int VERSION = 1;
    static final int HEADER_SIZE = 64;
    static final int TAIL_SIZE = 28;
    /** The header's CRC covers bytes {@code 0..HEADER_CRC_OFFSET-1}. */
    static final int HEADER_CRC_OFFSET = 60;
    /** Contents per compressed block written; readers accept up to {@link #MAX_BLOCK}. */
    static final int BLOCK_SIZE = 1 << 20;
    static final int MAX_BLOCK = 64 << 20;
    /** Nesting limit of arrays and objects, as in the bincode WAL. */
    static final int MAX_DEPTH = 256;

    static final String VECTORS = "vectors";
    static final String IDS = "ids";
    static final String EXPIRIES = "expiries";
    static final String PRESENCE = "presence";
    static final String VALUES = "values";
    static final String DICT = "dict";
    static final String SORTED = "sorted";
    static final String BITMAPS = "bitmaps";

    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Layout() {
    }

    /** The name of section {@code part} of field number {@code field}: {@code f3.values}. */
    static String fieldSection(int field, String part) {
        return "f" + field + "." + part;
    }
}
