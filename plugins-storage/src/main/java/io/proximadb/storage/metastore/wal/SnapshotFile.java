package io.proximadb.storage.metastore.wal;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.spi.record.Ids;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot: every entry of the store at one revision ({@code docs/formats/metadata-store.md}).
 *
 * <pre>
 * magic "PXMSNP\r\n" (8) | version u32 | revision u64 | entry count u32
 * | entries in code point order: key, value (each a u32 UTF-8 length and the bytes)
 * | masked CRC32C of every byte before (u32)
 * </pre>
 *
 * Written under a temporary name, synced, renamed and the directory synced: a snapshot under its
 * final name is whole, so one that fails its checksum was damaged after it was written.
 */
final class SnapshotFile {

    static final byte[] MAGIC = "PXMSNP\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int FIXED_BYTES = MAGIC.length + Integer.BYTES + Long.BYTES + Integer.BYTES + Integer.BYTES;

    /** The entries a snapshot holds and the revision they are at. */
    record Snapshot(long revision, SortedMap<String, String> entries) {
    }

    private SnapshotFile() {
    }

    static byte[] encode(long revision, SortedMap<String, String> entries) {
        BinaryWriter out = new BinaryWriter().putBytes(MAGIC).putInt(VERSION).putLong(revision).putInt(entries.size());
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            out.putString(entry.getKey()).putString(entry.getValue());
        }
        return out.putChecksum().toByteArray();
    }

    /** Writes the snapshot of {@code revision} durably under its final name. */
    static void write(FileSystem fs, String directory, long revision, SortedMap<String, String> entries) throws IOException {
        String name = StoreFiles.snapshotName(revision);
        String temporary = StoreFiles.path(directory, StoreFiles.temporary(name));
        fs.delete(temporary);
        try (WritableFile file = fs.create(temporary)) {
            file.write(ByteBuffer.wrap(encode(revision, entries)));
            file.sync();
        }
        fs.rename(temporary, StoreFiles.path(directory, name));
        fs.syncDirectory(directory);
    }

    /** @throws MetadataCorruptionException naming the file and offset of the damage */
    static Snapshot read(FileSystem fs, String directory, long revision) throws IOException {
        String path = StoreFiles.path(directory, StoreFiles.snapshotName(revision));
        byte[] bytes = StoreFiles.readAll(fs, path);
        if (bytes.length < FIXED_BYTES) {
            throw new MetadataCorruptionException(path, 0, "shorter (" + bytes.length + " bytes) than a snapshot");
        }
        int checksumAt = bytes.length - Integer.BYTES;
        if ((int) BinaryWriter.INT.get(bytes, checksumAt) != Checksum.masked(bytes, 0, checksumAt)) {
            throw new MetadataCorruptionException(path, checksumAt, "snapshot checksum mismatch");
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new MetadataCorruptionException(path, 0, "not a metadata snapshot (bad magic)");
        }
        BinaryReader in = new BinaryReader(bytes, MAGIC.length, checksumAt);
        try {
            int version = in.getInt();
            if (version != VERSION) {
                throw new MetadataCorruptionException(path, MAGIC.length,
                        "snapshot format version " + version + "; this build reads version " + VERSION);
            }
            long stored = in.getLong();
            if (stored != revision) {
                throw new MetadataCorruptionException(path, MAGIC.length + Integer.BYTES,
                        "holds revision " + stored + " but the file name says " + revision);
            }
            long count = Integer.toUnsignedLong(in.getInt());
            TreeMap<String, String> entries = new TreeMap<>(Ids.ORDER);
            String previous = null;
            for (long i = 0; i < count; i++) {
                int at = in.position();
                String key = in.getString();
                if (previous != null && Ids.compare(previous, key) >= 0) {
                    throw new MetadataCorruptionException(path, at, "keys out of order");
                }
                entries.put(key, in.getString());
                previous = key;
            }
            if (in.hasRemaining()) {
                throw new MetadataCorruptionException(path, in.position(), "unexpected bytes after the last entry");
            }
            return new Snapshot(revision, entries);
        } catch (MetadataCorruptionException e) {
            throw e;
        } catch (IOException e) {
            throw new MetadataCorruptionException(path, in.position(), "a snapshot with a valid checksum cannot be decoded: " + e.getMessage());
        }
    }
}
