package io.proximadb.storage.segment.viper;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Reads a part of a segment front to back. Every read checks its length against what remains
 * first, so a forged length fails as {@link CorruptSectionException} instead of reading past the
 * part or allocating a huge array. Not thread-safe; cheap to create.
 */
final class ByteReader {

    private final MemorySegment data;
    private final String part;
    private long position;

    ByteReader(MemorySegment data, String part) {
        this.data = data;
        this.part = part;
    }

    long position() {
        return position;
    }

    long remaining() {
        return data.byteSize() - position;
    }

    String part() {
        return part;
    }

    CorruptSectionException corrupt(String message) {
        return new CorruptSectionException(part, message + " (at offset " + position + ")");
    }

    void require(long bytes) {
        if (bytes < 0 || bytes > remaining()) {
            throw corrupt("truncated: needs " + bytes + " bytes, " + remaining() + " remain");
        }
    }

    int u8() {
        require(1);
        return data.get(java.lang.foreign.ValueLayout.JAVA_BYTE, position++) & 0xFF;
    }

    int u32AsInt() {
        require(Integer.BYTES);
        int value = data.get(Layout.INT, position);
        position += Integer.BYTES;
        return value;
    }

    /** A {@code u32} that must fit in a non-negative {@code int}. */
    int count32() {
        int value = u32AsInt();
        if (value < 0) {
            throw corrupt("count " + Integer.toUnsignedString(value) + " is out of range");
        }
        return value;
    }

    long i64() {
        require(Long.BYTES);
        long value = data.get(Layout.LONG, position);
        position += Long.BYTES;
        return value;
    }

    /** A {@code u64} that must be at most {@code max}. */
    long u64(long max) {
        long value = i64();
        if (value < 0 || value > max) {
            throw corrupt("value " + Long.toUnsignedString(value) + " is out of range (at most " + max + ")");
        }
        return value;
    }

    double f64() {
        return Double.longBitsToDouble(i64());
    }

    long uvarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            if (shift == 63 && (b & 0xFE) != 0) {
                throw corrupt("varint overflows 64 bits");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw corrupt("varint longer than 10 bytes");
    }

    /** A {@code uvarint} that must fit in a non-negative {@code int}. */
    int uint31() {
        long value = uvarint();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw corrupt("length " + Long.toUnsignedString(value) + " is out of range");
        }
        return (int) value;
    }

    String string() {
        int length = uint31();
        require(length);
        String text = new String(data.asSlice(position, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    /** The next {@code length} bytes, in place. */
    MemorySegment slice(long length) {
        require(length);
        MemorySegment slice = data.asSlice(position, length);
        position += length;
        return slice;
    }

    void expectEnd() {
        if (remaining() != 0) {
            throw corrupt(remaining() + " unexpected trailing bytes");
        }
    }
}
