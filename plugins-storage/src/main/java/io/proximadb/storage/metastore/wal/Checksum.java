package io.proximadb.storage.metastore.wal;

import java.util.zip.CRC32C;

/**
 * CRC32C (Castagnoli), stored masked as LevelDB does: a value may itself hold bytes with a CRC
 * (a copied record, a file), and the CRC of data that embeds its own CRC is weak.
 */
final class Checksum {

    private static final int MASK_DELTA = 0xa282ead8;

    private Checksum() {
    }

    static int masked(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return mask(crc);
    }

    /** The masked CRC32C of two ranges as if they were one: a record's length and its payload. */
    static int masked(byte[] bytes, int offset, int length, int secondOffset, int secondLength) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        crc.update(bytes, secondOffset, secondLength);
        return mask(crc);
    }

    private static int mask(CRC32C crc) {
        return Integer.rotateRight((int) crc.getValue(), 15) + MASK_DELTA;
    }
}
