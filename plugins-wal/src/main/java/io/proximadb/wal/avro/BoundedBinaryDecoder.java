package io.proximadb.wal.avro;

import io.proximadb.wal.EntryRules;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of one in-memory payload that never trusts a length. Avro's own
 * {@code BinaryDecoder} allocates whatever a length prefix or block count claims (up to its
 * 2&nbsp;GiB system limits), so a corrupt payload could end in an {@link OutOfMemoryError}. Here
 * every string, bytes, fixed and block count is checked against the bytes that remain first
 * (every array item and map entry of the WAL schemas takes at least one byte), non-empty arrays
 * and maps may nest at most {@link EntryRules#MAX_METADATA_DEPTH} deep (bounding the recursion
 * of {@code GenericDatumReader}), and strings must be well-formed UTF-8.
 *
 * <p>Thread safety: none; one instance per payload, on the decoding thread.
 */
final class BoundedBinaryDecoder extends Decoder {

    private final byte[] payload;
    private final CharsetDecoder utf8;
    private int position;
    private int depth;

    BoundedBinaryDecoder(byte[] payload, CharsetDecoder utf8) {
        this.payload = payload;
        this.utf8 = utf8;
    }

    /** Whether every byte of the payload was consumed. */
    boolean atEnd() {
        return position == payload.length;
    }

    int position() {
        return position;
    }

    @Override
    public void readNull() {
    }

    @Override
    public boolean readBoolean() throws IOException {
        int b = next("boolean");
        if (b > 1) {
            throw malformed("boolean byte " + b);
        }
        return b == 1;
    }

    @Override
    public int readInt() throws IOException {
        long raw = readVarint(5, "int");
        if (raw >>> 32 != 0) {
            throw malformed("int varint overflows 32 bits");
        }
        int n = (int) raw;
        return (n >>> 1) ^ -(n & 1);
    }

    @Override
    public long readLong() throws IOException {
        long raw = readVarint(10, "long");
        return (raw >>> 1) ^ -(raw & 1);
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat((int) readLittleEndian(Float.BYTES, "float"));
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLittleEndian(Double.BYTES, "double"));
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        return new Utf8(readString());
    }

    @Override
    public String readString() throws IOException {
        int length = readLength("string");
        try {
            String value = utf8.reset().decode(ByteBuffer.wrap(payload, position, length)).toString();
            position += length;
            return value;
        } catch (CharacterCodingException e) {
            throw malformed("string of " + length + " bytes is not well-formed UTF-8");
        }
    }

    @Override
    public void skipString() throws IOException {
        position += readLength("string");
    }

    /** Wraps the payload's bytes without copying; callers copy what they keep. */
    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = readLength("bytes");
        ByteBuffer bytes = ByteBuffer.wrap(payload, position, length).slice();
        position += length;
        return bytes;
    }

    @Override
    public void skipBytes() throws IOException {
        position += readLength("bytes");
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        require(length, "fixed");
        System.arraycopy(payload, position, bytes, start, length);
        position += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        require(length, "fixed");
        position += length;
    }

    @Override
    public int readEnum() throws IOException {
        return nonNegative(readInt(), "enum index");
    }

    @Override
    public int readIndex() throws IOException {
        return nonNegative(readInt(), "union index");
    }

    @Override
    public long readArrayStart() throws IOException {
        return open(readBlockCount("array"));
    }

    @Override
    public long arrayNext() throws IOException {
        return continued(readBlockCount("array"));
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocks("array");
    }

    @Override
    public long readMapStart() throws IOException {
        return open(readBlockCount("map"));
    }

    @Override
    public long mapNext() throws IOException {
        return continued(readBlockCount("map"));
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocks("map");
    }

    private long open(long count) throws IOException {
        if (count > 0 && ++depth > EntryRules.MAX_METADATA_DEPTH) {
            throw malformed("arrays and maps nested deeper than " + EntryRules.MAX_METADATA_DEPTH + " levels");
        }
        return count;
    }

    private long continued(long count) {
        if (count == 0) {
            depth--;
        }
        return count;
    }

    /** A block's item count; a negative count is followed by the block's byte size, which is ignored. */
    private long readBlockCount(String what) throws IOException {
        long count = readLong();
        if (count < 0) {
            if (count == Long.MIN_VALUE) {
                throw malformed(what + " block count overflows");
            }
            count = -count;
            readLong();
        }
        if (count > payload.length - position) {
            throw malformed(what + " block of " + count + " items cannot fit in the " + (payload.length - position)
                    + " bytes that remain");
        }
        return count;
    }

    private long skipBlocks(String what) throws IOException {
        while (true) {
            long count = readLong();
            if (count >= 0) {
                return count;
            }
            long size = readLong();
            require(size, what + " block");
            position += (int) size;
        }
    }

    private int readLength(String what) throws IOException {
        long length = readLong();
        require(length, what);
        return (int) length;
    }

    private long readVarint(int maxBytes, String what) throws IOException {
        long value = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = next(what);
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                if (i == 9 && b > 1) {
                    throw malformed(what + " varint overflows 64 bits");
                }
                return value;
            }
        }
        throw malformed(what + " varint longer than " + maxBytes + " bytes");
    }

    private long readLittleEndian(int bytes, String what) throws IOException {
        require(bytes, what);
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value |= (payload[position++] & 0xffL) << (8 * i);
        }
        return value;
    }

    private int next(String what) throws IOException {
        require(1, what);
        return payload[position++] & 0xff;
    }

    private void require(long length, String what) throws IOException {
        if (length < 0) {
            throw malformed("negative " + what + " length " + length);
        }
        if (length > payload.length - position) {
            throw malformed("truncated: " + what + " needs " + length + " bytes, " + (payload.length - position) + " remain");
        }
    }

    private int nonNegative(int value, String what) throws IOException {
        if (value < 0) {
            throw malformed("negative " + what + " " + value);
        }
        return value;
    }

    private IOException malformed(String message) {
        return new IOException(message + " (offset " + position + " of " + payload.length + ")");
    }
}
