package io.proximadb.storage.metastore.wal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link BinaryWriter} wrote, from a range of a byte array, refusing to read past the
 * range or to decode bytes that are not UTF-8. Failures are {@link IOException}s whose message the
 * caller places in a file at an offset.
 */
final class BinaryReader {

    private final byte[] bytes;
    private final int end;
    private int position;

    BinaryReader(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.position = from;
        this.end = to;
    }

    int position() {
        return position;
    }

    boolean hasRemaining() {
        return position < end;
    }

    int getByte() throws EOFException {
        need(1);
        return bytes[position++] & 0xff;
    }

    int getInt() throws EOFException {
        need(Integer.BYTES);
        int value = (int) BinaryWriter.INT.get(bytes, position);
        position += Integer.BYTES;
        return value;
    }

    long getLong() throws EOFException {
        need(Long.BYTES);
        long value = (long) BinaryWriter.LONG.get(bytes, position);
        position += Long.BYTES;
        return value;
    }

    String getString() throws IOException {
        long length = Integer.toUnsignedLong(getInt());
        need(length);
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, position, (int) length))
                    .toString();
            position += (int) length;
            return value;
        } catch (CharacterCodingException e) {
            throw new IOException("a string at offset " + position + " is not UTF-8", e);
        }
    }

    private void need(long count) throws EOFException {
        if (count > end - position) {
            throw new EOFException("needs " + count + " bytes at offset " + position + ", only " + (end - position) + " remain");
        }
    }
}
