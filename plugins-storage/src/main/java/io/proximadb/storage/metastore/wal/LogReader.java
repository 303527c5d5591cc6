package io.proximadb.storage.metastore.wal;

import io.proximadb.spi.fs.FileSystem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one log file, telling a torn tail from corruption. A commit is synced before it is
 * acknowledged and the next one starts only after, so a crash can damage only the last record of
 * the last log: damage there, with no valid record anywhere after it, is a torn tail to cut.
 * Damage anywhere else cannot come from a crash, and recovery refuses it rather than guess.
 */
final class LogReader {

    /** A log's records and the length they fill; shorter than the file when a torn tail follows. */
    record Contents(List<CommitRecord> commits, long lastRevision, long validLength, long fileLength) {
        boolean torn() {
            return validLength < fileLength;
        }
    }

    private LogReader() {
    }

    /**
     * @param last whether this is the store's newest log, the only one that may end in a torn write
     * @throws MetadataCorruptionException naming the file and the offset of the damage
     */
    static Contents read(FileSystem fs, String path, long base, boolean last) throws IOException {
        byte[] bytes = StoreFiles.readAll(fs, path);
        long headerBase = LogFormat.readHeader(bytes, path);
        if (headerBase != base) {
            throw new MetadataCorruptionException(path, LogFormat.MAGIC.length + Integer.BYTES,
                    "the header names base revision " + headerBase + " but the file name says " + base);
        }
        List<CommitRecord> commits = new ArrayList<>();
        long revision = base;
        int at = LogFormat.HEADER_BYTES;
        while (at < bytes.length) {
            String damage = LogFormat.damageAt(bytes, at, bytes.length);
            if (damage != null) {
                if (last && !anyValidRecordAfter(bytes, at)) {
                    return new Contents(commits, revision, at, bytes.length);
                }
                throw new MetadataCorruptionException(path, at, damage + (last
                        ? "; valid records follow, so this is not a torn write"
                        : "; only the newest log may end in a torn write"));
            }
            int length = LogFormat.payloadLength(bytes, at);
            int payloadAt = at + LogFormat.FRAME_HEADER_BYTES;
            CommitRecord commit;
            try {
                commit = CommitRecord.decode(bytes, payloadAt, payloadAt + length);
            } catch (IOException e) {
                throw new MetadataCorruptionException(path, at, "a record with a valid checksum cannot be decoded: " + e.getMessage());
            }
            if (commit.revision() != revision + 1) {
                throw new MetadataCorruptionException(path, at,
                        "record of revision " + commit.revision() + " where revision " + (revision + 1) + " was expected");
            }
            commits.add(commit);
            revision = commit.revision();
            at = payloadAt + length;
        }
        return new Contents(commits, revision, bytes.length, bytes.length);
    }

    /** Whether a record with a valid checksum starts at any byte after {@code damaged}. */
    private static boolean anyValidRecordAfter(byte[] bytes, int damaged) {
        for (int at = damaged + 1; at + LogFormat.FRAME_HEADER_BYTES <= bytes.length; at++) {
            if (LogFormat.damageAt(bytes, at, bytes.length) == null) {
                return true;
            }
        }
        return false;
    }
}
