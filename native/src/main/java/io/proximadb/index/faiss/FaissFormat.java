package io.proximadb.index.faiss;

import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.record.Metric;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The persisted {@code faiss} index (spec: {@code docs/formats/faiss.md}): a little-endian header
 * naming what the index was built for, FAISS's own {@code write_index} bytes, and a CRC32C of
 * everything before it. FAISS checks nothing of its own bytes, so the header and the checksum are
 * what turn damaged or foreign bytes into an {@link IndexFormatException} instead of a crash.
 */
final class FaissFormat {

    static final int MAGIC = 0x53494146; // "FAIS" read as a little-endian int
    static final short VERSION = 1;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** magic, version, metric, dimension, count, factory length; then the factory, payload length. */
    private static final int FIXED = 4 + 2 + 1 + 4 + 4 + 2;
    private static final long CHECKSUM_CHUNK = 1L << 30;

    /**
     * What a header says.
     *
     * @param payloadOffset where FAISS's bytes start
     * @param payloadLength how many there are
     */
    record Header(Metric metric, int dimension, int count, String factory, long payloadOffset, long payloadLength) {
    }

    private FaissFormat() {
    }

    /** Writes header, {@code payload} and checksum to {@code out}; returns the bytes written. */
    static long write(WritableByteChannel out, Metric metric, int dimension, int count, String factory,
                      MemorySegment payload) throws IOException {
        byte[] name = factory.getBytes(StandardCharsets.UTF_8);
        ByteBuffer header = ByteBuffer.allocate(FIXED + name.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putShort(VERSION).put((byte) metric.ordinal()).putInt(dimension).putInt(count)
                .putShort((short) name.length).put(name).putLong(payload.byteSize()).flip();
        CRC32C crc = new CRC32C();
        crc.update(header.duplicate());
        update(crc, payload);
        ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).flip();
        long written = writeFully(out, header);
        for (long offset = 0; offset < payload.byteSize(); offset += CHECKSUM_CHUNK) {
            written += writeFully(out, payload.asSlice(offset, Math.min(CHECKSUM_CHUNK, payload.byteSize() - offset)).asByteBuffer());
        }
        return written + writeFully(out, trailer);
    }

    /**
     * Reads and checks a header against what the caller expects.
     *
     * @throws IndexFormatException naming the mismatch
     */
    static Header read(MemorySegment stored, Metric metric, int dimension, int count) throws IndexFormatException {
        long size = stored.byteSize();
        if (size < FIXED + 8 + 4) {
            throw refused("is " + size + " bytes long, shorter than any faiss index");
        }
        if (stored.get(INT, 0) != MAGIC) {
            throw refused("does not start with the faiss index magic");
        }
        short version = stored.get(SHORT, 4);
        if (version != VERSION) {
            throw refused("has format version " + version + ", this build reads version " + VERSION);
        }
        int nameLength = Short.toUnsignedInt(stored.get(SHORT, FIXED - 2));
        long payloadOffset = FIXED + nameLength + 8L;
        if (payloadOffset + 4 > size) {
            throw refused("is truncated inside its header");
        }
        long payloadLength = stored.get(LONG, payloadOffset - 8);
        if (payloadLength < 0 || payloadOffset + payloadLength + 4 != size) {
            throw refused("is " + size + " bytes long, its header announces " + (payloadOffset + payloadLength + 4));
        }
        CRC32C crc = new CRC32C();
        update(crc, stored.asSlice(0, size - 4));
        if ((int) crc.getValue() != stored.get(INT, size - 4)) {
            throw refused("fails its checksum: the bytes are damaged");
        }
        int storedMetric = stored.get(ValueLayout.JAVA_BYTE, 6);
        int storedDimension = stored.get(INT, 7);
        int storedCount = stored.get(INT, 11);
        if (storedMetric != metric.ordinal()) {
            throw refused("was built for metric " + Metric.values()[Math.floorMod(storedMetric, Metric.values().length)]
                    + ", not " + metric);
        }
        if (storedDimension != dimension) {
            throw refused("was built for dimension " + storedDimension + ", not " + dimension);
        }
        if (storedCount != count) {
            throw refused("was built over " + storedCount + " vectors, not " + count);
        }
        byte[] name = stored.asSlice(FIXED, nameLength).toArray(ValueLayout.JAVA_BYTE);
        return new Header(metric, dimension, count, new String(name, StandardCharsets.UTF_8), payloadOffset, payloadLength);
    }

    static IndexFormatException refused(String problem) {
        return new IndexFormatException("faiss index " + problem + "; rebuild the index");
    }

    private static void update(CRC32C crc, MemorySegment bytes) {
        for (long offset = 0; offset < bytes.byteSize(); offset += CHECKSUM_CHUNK) {
            crc.update(bytes.asSlice(offset, Math.min(CHECKSUM_CHUNK, bytes.byteSize() - offset)).asByteBuffer());
        }
    }

    private static long writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        long written = 0;
        while (buffer.hasRemaining()) {
            written += out.write(buffer);
        }
        return written;
    }
}
