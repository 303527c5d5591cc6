package io.proximadb.storage.segment.viper;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * What frames a segment's sections: the 64-byte header before them and the footer with its
 * 28-byte tail after them. Checks come in the order the format's page gives, so that a file of a
 * newer version is reported as such rather than as a bad checksum.
 */
final class Envelope {

    private Envelope() {
    }

    static byte[] header(int dimension) {
        ByteBuffer header = ByteBuffer.allocate(Layout.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(Layout.MAGIC).putInt(Layout.VERSION).putInt(dimension);
        header.putInt(Layout.HEADER_CRC_OFFSET, crc(header.array(), 0, Layout.HEADER_CRC_OFFSET));
        return header.array();
    }

    /** Writes the footer body and the tail after it. */
    static void writeFooter(FileOutput out, Footer footer) {
        ByteChunks body = new ByteChunks();
        footer.encode(body);
        byte[] bytes = body.toArray();
        ByteBuffer tail = ByteBuffer.allocate(Layout.TAIL_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        tail.putLong(out.position()).putLong(bytes.length).putInt(Layout.VERSION);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        crc.update(tail.array(), 0, 20);
        tail.putInt((int) crc.getValue()).putInt(Layout.MAGIC);
        out.putBytes(bytes);
        out.putBytes(tail.array());
    }

    /** Checks the header and returns the dimension it declares. */
    static int readHeader(MemorySegment file) {
        if (file.byteSize() < Layout.HEADER_SIZE + Layout.TAIL_SIZE) {
            throw new CorruptSectionException("header", "file of " + file.byteSize()
                    + " bytes is too short to be a VIPER segment (at least " + (Layout.HEADER_SIZE + Layout.TAIL_SIZE) + ")");
        }
        int magic = file.get(Layout.INT, 0);
        if (magic != Layout.MAGIC) {
            throw new CorruptSectionException("header", "not a VIPER segment: magic 0x" + Integer.toHexString(magic)
                    + ", expected 0x" + Integer.toHexString(Layout.MAGIC) + " ('PXVS')");
        }
        checkVersion("header", file.get(Layout.INT, 4));
        checkCrc("header", file.asSlice(0, Layout.HEADER_CRC_OFFSET), file.get(Layout.INT, Layout.HEADER_CRC_OFFSET));
        int dimension = file.get(Layout.INT, 8);
        if (dimension <= 0) {
            throw new CorruptSectionException("header", "dimension " + Integer.toUnsignedString(dimension) + " is out of range");
        }
        return dimension;
    }

    /** Checks the tail and the footer's checksum, and returns the footer body in place. */
    static MemorySegment footerBody(MemorySegment file) {
        long tailAt = file.byteSize() - Layout.TAIL_SIZE;
        int magic = file.get(Layout.INT, tailAt + 24);
        if (magic != Layout.MAGIC) {
            throw new CorruptSectionException("tail", "trailing magic missing (0x" + Integer.toHexString(magic)
                    + "): the file was truncated or never finished");
        }
        checkVersion("tail", file.get(Layout.INT, tailAt + 16));
        long footerOffset = file.get(Layout.LONG, tailAt);
        long footerLength = file.get(Layout.LONG, tailAt + 8);
        if (footerOffset < Layout.HEADER_SIZE || footerLength < 0 || footerOffset + footerLength != tailAt) {
            throw new CorruptSectionException("tail", "footer offset " + footerOffset + " and length " + footerLength
                    + " do not match the file's size " + file.byteSize());
        }
        checkCrc("footer", file.asSlice(footerOffset, footerLength + 20), file.get(Layout.INT, tailAt + 20));
        return file.asSlice(footerOffset, footerLength);
    }

    private static void checkVersion(String part, int version) {
        if (version != Layout.VERSION) {
            throw new CorruptSectionException(part, "unsupported VIPER format version " + Integer.toUnsignedString(version)
                    + "; this reader supports version " + Layout.VERSION);
        }
    }

    static void checkCrc(String part, MemorySegment bytes, int stored) {
        int computed = crc(bytes);
        if (computed != stored) {
            throw new CorruptSectionException(part, "CRC32C mismatch: stored 0x" + Integer.toHexString(stored)
                    + ", computed 0x" + Integer.toHexString(computed));
        }
    }

    /** The CRC32C of a segment of any size, in chunks of 256 MiB over the memory in place. */
    static int crc(MemorySegment bytes) {
        CRC32C crc = new CRC32C();
        long chunk = 256L << 20;
        for (long at = 0; at < bytes.byteSize(); at += chunk) {
            crc.update(bytes.asSlice(at, Math.min(chunk, bytes.byteSize() - at)).asByteBuffer());
        }
        return (int) crc.getValue();
    }

    private static int crc(byte[] bytes, int offset, int length) {
        return crc(MemorySegment.ofArray(bytes).asSlice(offset, length));
    }
}
