package io.proximadb.kernel.wal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The constants and small codecs of the log format, version 1 ({@code docs/formats/wal.md}):
 * block geometry, record types, the masked CRC32C, file names and the file header.
 */
final class WalFormat {

    static final int BLOCK_SIZE = 32 * 1024;
    /** CRC (4) + length (2) + type (1). */
    static final int RECORD_HEADER_SIZE = 7;
    static final int MAX_FRAGMENT = BLOCK_SIZE - RECORD_HEADER_SIZE;

    static final byte FULL = 1;
    static final byte FIRST = 2;
    static final byte MIDDLE = 3;
    static final byte LAST = 4;
    /** Set in the type byte of every fragment of a batch's records (markers and operations). */
    static final int BATCH_FLAG = 0x80;

    static final byte[] MAGIC = {0x50, 0x52, 0x58, 0x57, 0x41, 0x4C, 0x0D, 0x0A};
    static final short VERSION = 1;
    /** Magic, version, base sequence, name length, codec header length, CRC. */
    static final int FIXED_HEADER_BYTES = 8 + 2 + 8 + 1 + 2 + 4;

    static final String SUFFIX = ".wal";
    private static final int NAME_DIGITS = 20;
    private static final int MASK_DELTA = 0xa282ead8;

    private WalFormat() {
    }

    /** LevelDB's mask: a CRC stored inside checksummed data would otherwise weaken the outer CRC. */
    static int mask(int crc) {
        return Integer.rotateRight(crc, 15) + MASK_DELTA;
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    static String fileName(long firstSequence) {
        String digits = Long.toString(firstSequence);
        return "0".repeat(NAME_DIGITS - digits.length()) + digits + SUFFIX;
    }

    /** The first sequence named by a log file name, or -1 when the name is not a log file's. */
    static long parseFileName(String name) {
        if (name.length() != NAME_DIGITS + SUFFIX.length() || !name.endsWith(SUFFIX)) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < NAME_DIGITS; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9' || value > (Long.MAX_VALUE - (c - '0')) / 10) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** A parsed file header. */
    record Header(long baseSequence, String codecName, byte[] codecHeader, int length) {
    }

    static byte[] encodeHeader(long baseSequence, String codecName, byte[] codecHeader) {
        byte[] name = codecName.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > 255) {
            throw new IllegalArgumentException("codec name must be 1..255 UTF-8 bytes: '" + codecName + "'");
        }
        int length = FIXED_HEADER_BYTES + name.length + codecHeader.length;
        if (length > MAX_FRAGMENT) {
            throw new IllegalArgumentException("codec '" + codecName + "' has a format header of "
                    + codecHeader.length + " bytes; a log file header must fit in one block");
        }
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort(VERSION).putLong(baseSequence);
        out.put((byte) name.length).put(name);
        out.putShort((short) codecHeader.length).put(codecHeader);
        out.putInt(mask(crc(out.array(), 0, out.position())));
        return out.array();
    }

    /**
     * Parses the header at the start of {@code bytes} (the file's first block, or less).
     *
     * @throws HeaderException saying what is wrong
     */
    static Header decodeHeader(byte[] bytes, int available) throws HeaderException {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, available).order(ByteOrder.LITTLE_ENDIAN);
        if (available < FIXED_HEADER_BYTES) {
            throw new HeaderException("file header is truncated (" + available + " bytes)");
        }
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new HeaderException("not a ProximaDB write-ahead log file (bad magic)");
        }
        short version = in.getShort();
        long base = in.getLong();
        int nameLength = in.get() & 0xFF;
        if (in.remaining() < nameLength + 2) {
            throw new HeaderException("file header is truncated");
        }
        byte[] name = new byte[nameLength];
        in.get(name);
        int codecLength = in.getShort() & 0xFFFF;
        if (in.remaining() < codecLength + 4) {
            throw new HeaderException("file header is truncated or its lengths are corrupt");
        }
        byte[] codecHeader = new byte[codecLength];
        in.get(codecHeader);
        int end = in.position();
        if (in.getInt() != mask(crc(bytes, 0, end))) {
            throw new HeaderException("file header checksum mismatch");
        }
        if (version != VERSION) {
            throw new HeaderException("unsupported log format version " + version + " (this build reads "
                    + VERSION + ")");
        }
        return new Header(base, new String(name, StandardCharsets.UTF_8), codecHeader, end + 4);
    }

    /** A header that cannot be read. */
    static final class HeaderException extends Exception {
        private static final long serialVersionUID = 1L;

        HeaderException(String message) {
            super(message);
        }
    }
}
