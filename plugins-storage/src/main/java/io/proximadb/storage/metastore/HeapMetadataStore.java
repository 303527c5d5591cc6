package io.proximadb.storage.metastore;

import io.proximadb.spi.metastore.MetadataMutation;
import io.proximadb.spi.metastore.MetadataStore;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link MetadataStore} whose committed entries live on the heap and whose durability is its
 * {@link CommitLog}'s business: the {@code memory} store has none, the {@code wal} store a log and
 * snapshots. Commits are serialised by one lock, so conditions are checked against exactly the
 * state the commit applies to; reads never take that lock.
 */
public final class HeapMetadataStore implements MetadataStore {

    private final CommittedEntries entries;
    private final CommitLog log;
    private final ReentrantLock commitLock = new ReentrantLock();
    private volatile boolean closed;

    public HeapMetadataStore(CommittedEntries entries, CommitLog log) {
        this.entries = entries;
        this.log = log;
    }

    @Override
    public Optional<String> get(String key) {
        ensureOpen();
        return entries.get(Unicode.requireWellFormed("key", key));
    }

    @Override
    public SortedMap<String, String> scan(String prefix) {
        ensureOpen();
        return entries.scan(Unicode.requireWellFormed("prefix", prefix));
    }

    @Override
    public long commit(List<MetadataMutation> mutations) throws IOException {
        List<MetadataMutation> copy = List.copyOf(mutations);
        commitLock.lock();
        try {
            ensureOpen();
            List<MetadataMutation> changes = CommitEvaluator.netChanges(copy, key -> entries.get(key));
            log.append(entries.revision() + 1, changes);
            long revision = entries.apply(changes);
            log.afterCommit(entries);
            return revision;
        } finally {
            commitLock.unlock();
        }
    }

    @Override
    public long revision() {
        ensureOpen();
        return entries.revision();
    }

    @Override
    public void close() throws IOException {
        commitLock.lock();
        try {
            if (!closed) {
                closed = true;
                log.close();
            }
        } finally {
            commitLock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the metadata store is closed");
        }
    }
}
