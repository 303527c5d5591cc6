package io.proximadb.wal.avro;

import io.proximadb.spi.wal.WalFormatException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The avro WAL format header: the magic {@code "PXWA"} then the writer schema's 64-bit Rabin
 * fingerprint, little-endian (the byte order of Avro's own single-object encoding). Pure bytes,
 * no Avro types, so that {@link AvroWalCodec} may use it before Avro is known to be present.
 *
 * <p>Thread safety: stateless.
 */
final class AvroHeader {

    static final byte[] MAGIC = {'P', 'X', 'W', 'A'};
    static final int LENGTH = MAGIC.length + Long.BYTES;

    private AvroHeader() {
    }

    static byte[] of(long fingerprint) {
        byte[] header = Arrays.copyOf(MAGIC, LENGTH);
        for (int i = 0; i < Long.BYTES; i++) {
            header[MAGIC.length + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }

    /** The fingerprint a header names; fails if it is not an avro WAL header at all. */
    static long fingerprint(byte[] header) throws WalFormatException {
        if (header.length != LENGTH || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new WalFormatException("not an avro WAL header: expected " + LENGTH + " bytes starting with magic "
                    + "50 58 57 41 (\"PXWA\"), found " + header.length + " bytes: "
                    + HexFormat.ofDelimiter(" ").formatHex(header));
        }
        long fingerprint = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            fingerprint |= (header[MAGIC.length + i] & 0xffL) << (8 * i);
        }
        return fingerprint;
    }

    static String hex(long fingerprint) {
        return "0x" + HexFormat.of().toHexDigits(fingerprint);
    }
}
