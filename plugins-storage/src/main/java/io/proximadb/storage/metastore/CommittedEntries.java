package io.proximadb.storage.metastore;

import io.proximadb.spi.metastore.MetadataMutation;
import io.proximadb.spi.record.Ids;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A store's committed entries on the heap, in code point order ({@link Ids#ORDER}, the order of
 * UTF-8 bytes), and the revision they are at. Readers share a read lock; a commit takes the write
 * lock only to apply its net changes, never while it does I/O, so a reader sees a whole commit or
 * none of it and is never held up by an fsync. Commits must be serialised by the caller.
 */
public final class CommittedEntries {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<String, String> entries = new TreeMap<>(Ids.ORDER);
    private long revision;

    public CommittedEntries(Map<String, String> entries, long revision) {
        this.entries.putAll(entries);
        this.revision = revision;
    }

    public Optional<String> get(String key) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(entries.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A copy of the entries whose keys start with {@code prefix}, as of one commit. */
    public SortedMap<String, String> scan(String prefix) {
        TreeMap<String, String> found = new TreeMap<>(Ids.ORDER);
        lock.readLock().lock();
        try {
            // In code point order the keys with a given prefix are one run starting at the prefix.
            for (Map.Entry<String, String> entry : entries.tailMap(prefix, true).entrySet()) {
                if (!entry.getKey().startsWith(prefix)) {
                    break;
                }
                found.put(entry.getKey(), entry.getValue());
            }
        } finally {
            lock.readLock().unlock();
        }
        return found;
    }

    public long revision() {
        lock.readLock().lock();
        try {
            return revision;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Applies a commit's net changes (puts and deletes only) as the next revision, and returns it. */
    public long apply(List<MetadataMutation> changes) {
        lock.writeLock().lock();
        try {
            for (MetadataMutation change : changes) {
                switch (change) {
                    case MetadataMutation.Put put -> entries.put(put.key(), put.value());
                    case MetadataMutation.Delete delete -> entries.remove(delete.key());
                    default -> throw new IllegalArgumentException("not a change: " + change);
                }
            }
            return ++revision;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
