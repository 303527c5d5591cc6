package io.proximadb.storage.metastore.wal;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.storage.metastore.CommittedEntries;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opening a {@code wal} store: load the newest valid snapshot, replay the logs that continue it,
 * cut a torn tail, and remove what a crash left half done ({@code docs/formats/metadata-store.md},
 * "Recovery"). Each crash point of the snapshot procedure leaves files this reads correctly.
 */
final class WalRecovery {

    private static final System.Logger LOG = System.getLogger(WalMetadataStoreProvider.class.getName());

    /** The recovered entries and the log that later commits append to. */
    record Recovered(CommittedEntries entries, LogWriter active) {
    }

    private WalRecovery() {
    }

    static Recovered recover(FileSystem fs, String directory) throws IOException {
        boolean existed = fs.exists(directory);
        fs.createDirectories(directory);
        StoreFiles.Listing listing = StoreFiles.list(fs, directory);
        List<String> removed = new ArrayList<>();
        for (String temporary : listing.temporaries()) {
            // An unfinished snapshot or log: the step that would have used it never happened.
            fs.delete(StoreFiles.path(directory, temporary));
            removed.add(temporary);
        }
        if (listing.isEmpty()) {
            if (!existed && !directory.isEmpty()) {
                fs.syncDirectory(parent(directory));
            }
            return new Recovered(new CommittedEntries(Map.of(), 0), LogWriter.create(fs, directory, 0));
        }

        SnapshotFile.Snapshot snapshot = null;
        MetadataCorruptionException damaged = null;
        for (long revision : listing.snapshots()) {
            try {
                snapshot = SnapshotFile.read(fs, directory, revision);
                break;
            } catch (MetadataCorruptionException e) {
                LOG.log(Level.WARNING, "metadata store: skipping a damaged snapshot, trying an older one: {0}", e.getMessage());
                damaged = damaged == null ? e : damaged;
            }
        }
        long snapshotRevision = snapshot == null ? 0 : snapshot.revision();
        List<Long> chain = chainAfter(listing.logs(), snapshotRevision);
        if (chain.isEmpty()) {
            IOException missing = new IOException("no log in '" + directory + "' continues "
                    + (snapshot == null ? "an empty store" : StoreFiles.snapshotName(snapshotRevision))
                    + ": it needs a log whose base revision is at most " + snapshotRevision + "; logs found: " + listing.logs());
            if (damaged != null) {
                damaged.addSuppressed(missing);
                throw damaged;
            }
            throw missing;
        }

        CommittedEntries entries = new CommittedEntries(snapshot == null ? Map.of() : snapshot.entries(), snapshotRevision);
        String active = replay(fs, directory, chain, entries);

        for (long base : listing.logs()) {
            if (base < chain.getFirst()) {
                removed.add(delete(fs, directory, StoreFiles.logName(base)));
            }
        }
        for (long revision : listing.snapshots()) {
            if (snapshot != null && revision < snapshotRevision) {
                removed.add(delete(fs, directory, StoreFiles.snapshotName(revision)));
            }
        }
        if (!removed.isEmpty()) {
            fs.syncDirectory(directory);
            LOG.log(Level.DEBUG, "metadata store: removed files left by an interrupted snapshot: {0}", removed);
        }
        return new Recovered(entries, LogWriter.open(fs, active));
    }

    /**
     * The logs to replay after a snapshot of {@code revision}: from the newest log that starts at
     * or before it (older ones hold only what the snapshot has) to the newest log.
     */
    private static List<Long> chainAfter(List<Long> logs, long revision) {
        int start = -1;
        for (int i = 0; i < logs.size(); i++) {
            if (logs.get(i) <= revision) {
                start = i;
            }
        }
        return start < 0 ? List.of() : logs.subList(start, logs.size());
    }

    /** Applies the chain's records after the entries' revision; returns the newest log's path. */
    private static String replay(FileSystem fs, String directory, List<Long> chain, CommittedEntries entries) throws IOException {
        String path = null;
        long previousEnd = -1;
        for (int i = 0; i < chain.size(); i++) {
            long base = chain.get(i);
            path = StoreFiles.path(directory, StoreFiles.logName(base));
            if (i > 0 && base != previousEnd) {
                throw new MetadataCorruptionException(path, 0, "the log starts after revision " + base
                        + " but the log before it ends at revision " + previousEnd);
            }
            LogReader.Contents contents = LogReader.read(fs, path, base, i == chain.size() - 1);
            for (CommitRecord commit : contents.commits()) {
                if (commit.revision() > entries.revision()) {
                    // Records are consecutive and the chain starts at or before the snapshot: no gap.
                    entries.apply(commit.changes());
                }
            }
            previousEnd = contents.lastRevision();
            if (contents.torn()) {
                LOG.log(Level.WARNING, "metadata store: cutting a torn write at the end of {0}: {1} bytes from offset {2}",
                        path, contents.fileLength() - contents.validLength(), contents.validLength());
                fs.truncate(path, contents.validLength());
            }
        }
        return path;
    }

    private static String delete(FileSystem fs, String directory, String name) throws IOException {
        fs.delete(StoreFiles.path(directory, name));
        return name;
    }

    private static String parent(String directory) {
        int slash = directory.lastIndexOf('/');
        return slash < 0 ? "" : directory.substring(0, slash);
    }
}
