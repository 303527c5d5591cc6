package io.proximadb.storage.segment.viper;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.spi.segment.SegmentFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.zip.CRC32C;
import org.roaringbitmap.IntConsumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * Deletion files: the deleted ordinals of one segment as a RoaringBitmap, framed by magic,
 * version, count and CRC32C (see the format's page), written whole and synced.
 */
final class DeletionFiles {

    /** {@code PXVD} read as a little-endian {@code u32}. */
    static final int MAGIC = 0x44_56_58_50;
    static final int VERSION = 1;
    private static final int HEADER = 24;

    private DeletionFiles() {
    }

    static void write(FileSystem fs, String path, BitSet deleted) throws IOException {
        RoaringBitmap bitmap = new RoaringBitmap();
        deleted.stream().forEach(bitmap::add);
        bitmap.runOptimize();
        int length = bitmap.serializedSizeInBytes();
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + length + Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(VERSION).putLong(bitmap.getLongCardinality()).putLong(length);
        bitmap.serialize(buffer.slice(HEADER, length).order(ByteOrder.LITTLE_ENDIAN));
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, HEADER + length);
        buffer.putInt(HEADER + length, (int) crc.getValue());
        WritableFile file = fs.create(path);
        boolean written = false;
        try (file) {
            file.write(buffer.rewind());
            file.sync();
            written = true;
        } finally {
            if (!written) {
                fs.delete(path);
            }
        }
    }

    static BitSet read(FileSystem fs, String path) throws IOException {
        ByteBuffer buffer;
        try (ReadableFile file = fs.openForRead(path)) {
            long size = file.size();
            if (size < HEADER + Integer.BYTES || size > Integer.MAX_VALUE) {
                throw corrupt(path, "size " + size + " cannot be a deletion file");
            }
            buffer = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            file.readFully(buffer, 0);
        }
        if (buffer.getInt(0) != MAGIC) {
            throw corrupt(path, "not a VIPER deletion file: magic 0x" + Integer.toHexString(buffer.getInt(0)));
        }
        int version = buffer.getInt(4);
        if (version != VERSION) {
            throw corrupt(path, "unsupported deletion-file version " + Integer.toUnsignedString(version)
                    + "; this reader supports version " + VERSION);
        }
        long cardinality = buffer.getLong(8);
        long length = buffer.getLong(16);
        if (length != buffer.capacity() - HEADER - Integer.BYTES) {
            throw corrupt(path, "bitmap length " + length + " does not match the file's size " + buffer.capacity());
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, HEADER + (int) length);
        int stored = buffer.getInt(HEADER + (int) length);
        if ((int) crc.getValue() != stored) {
            throw corrupt(path, "CRC32C mismatch: stored 0x" + Integer.toHexString(stored)
                    + ", computed 0x" + Integer.toHexString((int) crc.getValue()));
        }
        RoaringBitmap bitmap = new RoaringBitmap();
        try {
            bitmap.deserialize(buffer.slice(HEADER, (int) length).order(ByteOrder.LITTLE_ENDIAN));
        } catch (IOException | RuntimeException e) {
            throw new SegmentFormatException("deletion file '" + path + "': bitmap does not parse: " + e, e);
        }
        if (bitmap.getLongCardinality() != cardinality || (!bitmap.isEmpty() && bitmap.last() < 0)) {
            throw corrupt(path, "holds " + bitmap.getLongCardinality() + " ordinals, the header says " + cardinality);
        }
        BitSet deleted = new BitSet();
        bitmap.forEach((IntConsumer) deleted::set);
        return deleted;
    }

    private static SegmentFormatException corrupt(String path, String message) {
        return new SegmentFormatException("deletion file '" + path + "': " + message);
    }
}
