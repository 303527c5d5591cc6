package io.proximadb.index.common;

import io.proximadb.spi.index.IndexFormatException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The 8-byte trailer that closes a persisted index file: the CRC32C of every byte before it, then
 * the format's magic again, both little-endian ints. Written last, so a file cut short by a crash
 * has no trailer; checked first on load, so corruption is refused before any offset is trusted.
 *
 * <p>Shared by the hnsw ({@code HnswFormat}) and ivf ({@code IvfFormat}) formats, which had each
 * written the same trailer; see docs/formats/. The bytes are the same as before this class.
 */
public final class ChecksumTrailer {

    /** Bytes of the trailer: the checksum, then the magic. */
    public static final int BYTES = 8;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** {@link CRC32C#update(java.nio.ByteBuffer)} takes at most 2 GiB at a time. */
    private static final int SLICE = 1 << 30;

    private ChecksumTrailer() {
    }

    /** Writes the trailer at {@code trailerOffset}, over the bytes before it, which must be final. */
    public static void write(MemorySegment data, long trailerOffset, int magic) {
        data.set(INT, trailerOffset, checksum(data, trailerOffset));
        data.set(INT, trailerOffset + 4, magic);
    }

    /**
     * Checks the trailer at {@code trailerOffset}.
     *
     * @param index the index's name, as the errors name it ({@code "hnsw"}, {@code "ivf"})
     * @throws IndexFormatException when the trailer is missing or the checksum does not match
     */
    public static void verify(MemorySegment stored, long trailerOffset, int magic, String index)
            throws IndexFormatException {
        if (stored.get(INT, trailerOffset + 4) != magic) {
            throw new IndexFormatException(index + " index has no trailer: the file is truncated or was not written whole");
        }
        int expected = stored.get(INT, trailerOffset);
        int actual = checksum(stored, trailerOffset);
        if (expected != actual) {
            throw new IndexFormatException(String.format("%s index checksum mismatch: stored %08x, computed %08x",
                    index, expected, actual));
        }
    }

    /** The CRC32C of the first {@code length} bytes of {@code data}. */
    public static int checksum(MemorySegment data, long length) {
        CRC32C crc = new CRC32C();
        for (long at = 0; at < length; at += SLICE) {
            crc.update(data.asSlice(at, Math.min(SLICE, length - at)).asByteBuffer());
        }
        return (int) crc.getValue();
    }
}
