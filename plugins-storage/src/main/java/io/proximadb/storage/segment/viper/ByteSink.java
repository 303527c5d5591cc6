package io.proximadb.storage.segment.viper;

/** Where encoders write: little-endian primitives, LEB128 varints and length-prefixed strings. */
interface ByteSink {

    void putByte(int value);

    void putBytes(byte[] bytes, int offset, int length);

    void putLong(long value);

    void putInt(int value);

    default void putBytes(byte[] bytes) {
        putBytes(bytes, 0, bytes.length);
    }

    default void putShort(int value) {
        putByte(value);
        putByte(value >>> 8);
    }

    default void putDouble(double value) {
        putLong(Double.doubleToRawLongBits(value));
    }

    /** Unsigned LEB128, shortest form. */
    default void putVarLong(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            putByte((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        putByte((int) rest);
    }

    /** A {@code string}: the byte length as a varint, then the UTF-8 bytes. */
    default void putString(byte[] utf8) {
        putVarLong(utf8.length);
        putBytes(utf8);
    }
}
