package io.proximadb.wal.bincode;

import io.proximadb.spi.record.Value;
import io.proximadb.spi.wal.WalFormatException;
import io.proximadb.wal.EntryRules;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the primitives of the bincode format from one payload, checking every length and count
 * against the bytes that remain <em>before</em> allocating, so that a forged length fails with a
 * {@link WalFormatException} instead of an {@link OutOfMemoryError}. Errors name the byte offset.
 *
 * <p>Thread safety: none; one reader per payload, on the decoder's thread.
 */
final class BincodeReader {

    private final byte[] payload;
    private final CharsetDecoder utf8;
    private int position;

    /** @param utf8 a strict UTF-8 decoder (malformed input reported), reused across payloads */
    BincodeReader(byte[] payload, CharsetDecoder utf8) {
        this.payload = payload;
        this.utf8 = utf8;
    }

    int position() {
        return position;
    }

    int readByte(String what) throws WalFormatException {
        if (position >= payload.length) {
            throw error("truncated: expected " + what + " but the payload ends");
        }
        return payload[position++] & 0xff;
    }

    /** Unsigned LEB128, at most 10 bytes, the 10th carrying only the top bit. */
    long readUVarint(String what) throws WalFormatException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte(what);
            if (shift == 63 && b > 1) {
                throw error(what + ": varint overflows 64 bits");
            }
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw error(what + ": varint longer than 10 bytes");
    }

    long readZigZag(String what) throws WalFormatException {
        long raw = readUVarint(what);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A uvarint in [0, 2^31 - 1]. */
    int readInt(String what) throws WalFormatException {
        int at = position;
        long value = readUVarint(what);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new WalFormatException(what + " " + Long.toUnsignedString(value) + " exceeds 2^31-1 at offset " + at);
        }
        return (int) value;
    }

    /** A count of items that each take at least {@code minBytes} bytes, so it cannot exceed what remains. */
    int readCount(String what, int minBytes) throws WalFormatException {
        int at = position;
        int count = readInt(what);
        if ((long) count * minBytes > remaining()) {
            throw new WalFormatException("truncated: " + what + " " + count + " at offset " + at
                    + " needs at least " + (long) count * minBytes + " bytes, " + remaining() + " remain");
        }
        return count;
    }

    double readDouble(String what) throws WalFormatException {
        require(Double.BYTES, what);
        long bits = 0;
        for (int i = 0; i < Double.BYTES; i++) {
            bits |= (long) (payload[position++] & 0xff) << (8 * i);
        }
        return Double.longBitsToDouble(bits);
    }

    String readString(String what) throws WalFormatException {
        int length = readCount(what + " length", 1);
        int at = position;
        try {
            String value = utf8.reset().decode(ByteBuffer.wrap(payload, position, length)).toString();
            position += length;
            return value;
        } catch (CharacterCodingException e) {
            throw new WalFormatException(what + " at offset " + at + " is not well-formed UTF-8", e);
        }
    }

    float[] readVector() throws WalFormatException {
        int dimension = readCount("vector dimension", Float.BYTES);
        float[] vector = new float[dimension];
        MemorySegment.copy(MemorySegment.ofArray(payload), BincodeFormat.FLOAT_LE, position, vector, 0, dimension);
        position += dimension * Float.BYTES;
        return vector;
    }

    Value.Obj readObject(int depth) throws WalFormatException {
        checkDepth(depth);
        int count = readCount("metadata field count", 2);
        Map<String, Value> fields = HashMap.newHashMap(count);
        for (int i = 0; i < count; i++) {
            int at = position;
            String key = readString("metadata key");
            if (fields.put(key, readValue(depth)) != null) {
                throw new WalFormatException("duplicate metadata key '" + key + "' at offset " + at);
            }
        }
        return new Value.Obj(fields);
    }

    private Value readValue(int depth) throws WalFormatException {
        int at = position;
        int tag = readByte("metadata value tag");
        return switch (tag) {
            case BincodeFormat.STR -> new Value.Str(readString("metadata string"));
            case BincodeFormat.INT -> new Value.Int(readZigZag("metadata integer"));
            case BincodeFormat.REAL -> {
                double value = readDouble("metadata real");
                if (!Double.isFinite(value)) {
                    throw new WalFormatException("metadata real at offset " + (at + 1) + " is not finite: " + value);
                }
                yield new Value.Real(value);
            }
            case BincodeFormat.FALSE -> Value.Bool.FALSE;
            case BincodeFormat.TRUE -> Value.Bool.TRUE;
            case BincodeFormat.ARRAY -> {
                checkDepth(depth + 1);
                int count = readCount("metadata array length", 1);
                List<Value> values = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    values.add(readValue(depth + 1));
                }
                yield new Value.Array(values);
            }
            case BincodeFormat.OBJECT -> readObject(depth + 1);
            default -> throw new WalFormatException("unknown metadata value tag 0x" + Integer.toHexString(tag)
                    + " at offset " + at);
        };
    }

    void expectEnd() throws WalFormatException {
        if (remaining() != 0) {
            throw error(remaining() + " unexpected trailing bytes after the entry");
        }
    }

    WalFormatException error(String message) {
        return new WalFormatException(message + " (offset " + position + " of " + payload.length + ")");
    }

    private int remaining() {
        return payload.length - position;
    }

    private void require(int bytes, String what) throws WalFormatException {
        if (remaining() < bytes) {
            throw error("truncated: " + what + " needs " + bytes + " bytes, " + remaining() + " remain");
        }
    }

    private void checkDepth(int depth) throws WalFormatException {
        if (depth > EntryRules.MAX_METADATA_DEPTH) {
            throw error("metadata nested deeper than " + EntryRules.MAX_METADATA_DEPTH + " levels");
        }
    }
}
