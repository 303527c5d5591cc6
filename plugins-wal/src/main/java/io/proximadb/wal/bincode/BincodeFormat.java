package io.proximadb.wal.bincode;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The constants of the bincode WAL format; the format itself is specified in
 * {@code docs/formats/bincode.md}, and this class must agree with that page byte for byte.
 */
final class BincodeFormat {

    /** {@code "PXWB"}: ProximaDB WAL, bincode. */
    static final byte[] MAGIC = {'P', 'X', 'W', 'B'};

    /** The version this code writes. */
    static final int VERSION = 1;

    /** Every version this code reads. */
    static final int[] KNOWN_VERSIONS = {1};

    static final int HEADER_LENGTH = MAGIC.length + Integer.BYTES;

    // Entry tags.
    static final int UPSERT = 0x01;
    static final int DELETE = 0x02;
    static final int BATCH_BEGIN = 0x03;
    static final int BATCH_COMMIT = 0x04;
    static final int CREATE_COLLECTION = 0x05;
    static final int DROP_COLLECTION = 0x06;

    // Metadata value tags.
    static final int STR = 0x01;
    static final int INT = 0x02;
    static final int REAL = 0x03;
    static final int FALSE = 0x04;
    static final int TRUE = 0x05;
    static final int ARRAY = 0x06;
    static final int OBJECT = 0x07;

    /** Vector elements: IEEE 754 binary32, little-endian, at any byte offset. */
    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private BincodeFormat() {
    }

    /** {@code MAGIC} followed by {@code version} as a little-endian uint32. */
    static byte[] header(int version) {
        byte[] header = new byte[HEADER_LENGTH];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        for (int i = 0; i < Integer.BYTES; i++) {
            header[MAGIC.length + i] = (byte) (version >>> (8 * i));
        }
        return header;
    }
}
