package io.proximadb.storage.metastore.wal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The log file's header and record frames ({@code docs/formats/metadata-store.md}).
 *
 * <pre>
 * header: magic "PXMLOG\r\n" (8) | version u32 | base revision u64 | masked CRC32C of the 20 bytes before (u32)
 * record: payload length u32 | masked CRC32C of the length's 4 bytes and the payload (u32) | payload
 * </pre>
 */
final class LogFormat {

    static final byte[] MAGIC = "PXMLOG\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = MAGIC.length + Integer.BYTES + Long.BYTES + Integer.BYTES;
    static final int FRAME_HEADER_BYTES = 2 * Integer.BYTES;

    private LogFormat() {
    }

    static byte[] header(long base) {
        return new BinaryWriter().putBytes(MAGIC).putInt(VERSION).putLong(base).putChecksum().toByteArray();
    }

    /** The base revision the header of {@code bytes} names, after checking every field. */
    static long readHeader(byte[] bytes, String file) throws MetadataCorruptionException {
        if (bytes.length < HEADER_BYTES) {
            throw new MetadataCorruptionException(file, 0, "shorter (" + bytes.length + " bytes) than a log header");
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new MetadataCorruptionException(file, 0, "not a metadata log (bad magic)");
        }
        int checksumAt = HEADER_BYTES - Integer.BYTES;
        if ((int) BinaryWriter.INT.get(bytes, checksumAt) != Checksum.masked(bytes, 0, checksumAt)) {
            throw new MetadataCorruptionException(file, checksumAt, "log header checksum mismatch");
        }
        int version = (int) BinaryWriter.INT.get(bytes, MAGIC.length);
        if (version != VERSION) {
            throw new MetadataCorruptionException(file, MAGIC.length,
                    "log format version " + version + "; this build reads version " + VERSION);
        }
        return (long) BinaryWriter.LONG.get(bytes, MAGIC.length + Integer.BYTES);
    }

    /** A record's bytes: length, checksum, payload. */
    static byte[] frame(byte[] payload) {
        byte[] frame = new byte[FRAME_HEADER_BYTES + payload.length];
        BinaryWriter.INT.set(frame, 0, payload.length);
        System.arraycopy(payload, 0, frame, FRAME_HEADER_BYTES, payload.length);
        BinaryWriter.INT.set(frame, Integer.BYTES, Checksum.masked(frame, 0, Integer.BYTES, FRAME_HEADER_BYTES, payload.length));
        return frame;
    }

    /**
     * Why no valid record starts at {@code at} in {@code bytes[0, end)}, or {@code null} when one
     * does: its header is complete, its payload fits before {@code end} and its checksum holds.
     */
    static String damageAt(byte[] bytes, int at, int end) {
        if (end - at < FRAME_HEADER_BYTES) {
            return "record header cut by the end of the file";
        }
        long length = Integer.toUnsignedLong((int) BinaryWriter.INT.get(bytes, at));
        if (length < CommitRecord.MIN_PAYLOAD) {
            return "record length " + length + " is below the minimum " + CommitRecord.MIN_PAYLOAD;
        }
        if (length > end - at - FRAME_HEADER_BYTES) {
            return "record length " + length + " runs past the end of the file";
        }
        int stored = (int) BinaryWriter.INT.get(bytes, at + Integer.BYTES);
        if (stored != Checksum.masked(bytes, at, Integer.BYTES, at + FRAME_HEADER_BYTES, (int) length)) {
            return "record checksum mismatch";
        }
        return null;
    }

    /** The payload length of the valid record at {@code at} (check {@link #damageAt} first). */
    static int payloadLength(byte[] bytes, int at) {
        return (int) BinaryWriter.INT.get(bytes, at);
    }
}
