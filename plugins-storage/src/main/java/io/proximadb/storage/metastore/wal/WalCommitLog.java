package io.proximadb.storage.metastore.wal;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.metastore.MetadataMutation;
import io.proximadb.storage.metastore.CommitLog;
import io.proximadb.storage.metastore.CommittedEntries;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The durability of the {@code wal} store: every commit is appended to the log and synced before
 * it becomes visible; when the log reaches {@code snapshot_bytes} a snapshot replaces it.
 *
 * <p>A failed append <em>poisons</em> the log: its bytes may be half on disk, and after a failed
 * fsync the page cache may have dropped them while a retry reports success, so every later commit
 * fails until the store is reopened and recovery reads what is really there. A failed snapshot
 * does not fail the commit that triggered it (that commit is already durable): before the new log
 * is renamed into place the old log simply goes on; from the rename on, the files on disk are
 * uncertain and the log is poisoned.
 */
final class WalCommitLog implements CommitLog {

    private static final System.Logger LOG = System.getLogger(WalMetadataStoreProvider.class.getName());

    private final FileSystem fs;
    private final String directory;
    private final long snapshotBytes;
    private LogWriter active;
    private long nextSnapshotAt;
    private IOException failure;

    WalCommitLog(FileSystem fs, String directory, long snapshotBytes, LogWriter active) {
        this.fs = fs;
        this.directory = directory;
        this.snapshotBytes = snapshotBytes;
        this.active = active;
        this.nextSnapshotAt = snapshotBytes;
    }

    @Override
    public void append(long revision, List<MetadataMutation> changes) throws IOException {
        if (failure != null) {
            throw new IOException("the metadata store in '" + directory + "' refuses commits after an earlier failure ("
                    + failure.getMessage() + "); reopen it", failure);
        }
        byte[] frame = LogFormat.frame(new CommitRecord(revision, changes).encode());
        try {
            active.append(frame);
        } catch (IOException e) {
            failure = e;
            throw new IOException("cannot append revision " + revision + " to " + active.path() + ": " + e.getMessage()
                    + "; the commit may or may not be durable, and the store refuses commits until reopened", e);
        }
    }

    @Override
    public void afterCommit(CommittedEntries entries) {
        if (failure == null && active.length() >= nextSnapshotAt) {
            snapshot(entries.revision(), entries);
        }
    }

    /** Snapshot, then a fresh log, then the old files go; the order every crash point relies on. */
    private void snapshot(long revision, CommittedEntries entries) {
        try {
            SnapshotFile.write(fs, directory, revision, entries.scan(""));
            LogWriter.prepare(fs, directory, revision);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "metadata store: snapshot of revision {0} failed, the log goes on: {1}", revision, e.getMessage());
            nextSnapshotAt = active.length() + snapshotBytes;
            return;
        }
        LogWriter next;
        try {
            next = LogWriter.install(fs, directory, revision);
        } catch (IOException e) {
            failure = e;
            LOG.log(Level.ERROR, "metadata store: cannot install the log after snapshot {0}; commits are refused until reopened: {1}",
                    revision, e.getMessage());
            return;
        }
        LogWriter old = active;
        active = next;
        nextSnapshotAt = snapshotBytes;
        try {
            old.close();
            deleteOlderThan(revision);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "metadata store: cannot remove files older than snapshot {0} (the next open will): {1}",
                    revision, e.getMessage());
        }
    }

    private void deleteOlderThan(long revision) throws IOException {
        StoreFiles.Listing listing = StoreFiles.list(fs, directory);
        for (long base : listing.logs()) {
            if (base < revision) {
                fs.delete(StoreFiles.path(directory, StoreFiles.logName(base)));
            }
        }
        for (long older : listing.snapshots()) {
            if (older < revision) {
                fs.delete(StoreFiles.path(directory, StoreFiles.snapshotName(older)));
            }
        }
        fs.syncDirectory(directory);
    }

    @Override
    public void close() throws IOException {
        active.close();
    }
}
