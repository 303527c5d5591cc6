package io.proximadb.wal.bincode;

import io.proximadb.wal.EntryRules;
import io.proximadb.spi.record.Value;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A growable little-endian output buffer with the primitives of the bincode format.
 *
 * <p>Thread safety: none; one writer per {@code encode} call, which is what makes the codec's
 * {@code encode} thread-safe without locks.
 */
final class BincodeWriter {

    private byte[] buffer;
    private int length;

    BincodeWriter(int expectedBytes) {
        buffer = new byte[Math.max(16, expectedBytes)];
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    void writeByte(int value) {
        ensure(1);
        buffer[length++] = (byte) value;
    }

    /** Unsigned LEB128 of the 64-bit two's-complement pattern: 1 to 10 bytes. */
    void writeUVarint(long value) {
        ensure(10);
        while ((value & ~0x7fL) != 0) {
            buffer[length++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buffer[length++] = (byte) value;
    }

    /** Zigzag, then unsigned LEB128: small magnitudes of either sign stay short. */
    void writeZigZag(long value) {
        writeUVarint((value << 1) ^ (value >> 63));
    }

    void writeDouble(double value) {
        long bits = Double.doubleToRawLongBits(value);
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[length++] = (byte) (bits >>> (8 * i));
        }
    }

    void writeString(String value, String what) {
        byte[] utf8 = EntryRules.requireWellFormed(value, what).getBytes(StandardCharsets.UTF_8);
        writeUVarint(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, length, utf8.length);
        length += utf8.length;
    }

    /** The dimension, then the elements as raw little-endian binary32, copied in bulk. */
    void writeVector(float[] vector) {
        writeUVarint(vector.length);
        int bytes = Math.multiplyExact(vector.length, Float.BYTES);
        ensure(bytes);
        MemorySegment.copy(vector, 0, MemorySegment.ofArray(buffer), BincodeFormat.FLOAT_LE, length, vector.length);
        length += bytes;
    }

    /** An object body: the field count, then each key and tagged value, in key order. */
    void writeObject(Value.Obj object, int depth) {
        EntryRules.requireDepth(depth);
        writeUVarint(object.fields().size());
        for (Map.Entry<String, Value> field : object.fields().entrySet()) {
            writeString(field.getKey(), "metadata key");
            writeValue(field.getValue(), depth);
        }
    }

    private void writeValue(Value value, int depth) {
        switch (value) {
            case Value.Str str -> {
                writeByte(BincodeFormat.STR);
                writeString(str.value(), "metadata string");
            }
            case Value.Int integer -> {
                writeByte(BincodeFormat.INT);
                writeZigZag(integer.value());
            }
            case Value.Real real -> {
                writeByte(BincodeFormat.REAL);
                writeDouble(real.value());
            }
            case Value.Bool bool -> writeByte(bool.value() ? BincodeFormat.TRUE : BincodeFormat.FALSE);
            case Value.Array array -> {
                EntryRules.requireDepth(depth + 1);
                writeByte(BincodeFormat.ARRAY);
                writeUVarint(array.values().size());
                for (Value element : array.values()) {
                    writeValue(element, depth + 1);
                }
            }
            case Value.Obj object -> {
                writeByte(BincodeFormat.OBJECT);
                writeObject(object, depth + 1);
            }
        }
    }

    private void ensure(int more) {
        if (buffer.length - length < more) {
            int needed = Math.addExact(length, more);
            buffer = Arrays.copyOf(buffer, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, 2L * buffer.length)));
        }
    }
}
