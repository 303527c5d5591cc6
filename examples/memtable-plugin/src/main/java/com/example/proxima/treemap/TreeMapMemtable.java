package com.example.proxima.treemap;

import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableEntry;
import io.proximadb.spi.record.Ids;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The simplest correct memtable: a {@link TreeMap} from id to that id's versions, guarded by one
 * read-write lock. Writers exclude each other and readers; readers share. A scan copies what it
 * returns while holding the read lock, so its iterator needs no lock and sees one consistent
 * state. Slower than ProximaDB's own memtables, but short enough to read in a minute.
 */
final class TreeMapMemtable implements Memtable {

    /** Estimated heap cost of a TreeMap node and a version list slot. */
    private static final long NODE_BYTES = 64;
    private static final long VERSION_BYTES = 16;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<String, List<MemtableEntry>> versions = new TreeMap<>(Ids.ORDER);
    private long bytes;
    private volatile boolean frozen;

    @Override
    public void put(MemtableEntry entry) {
        lock.writeLock().lock();
        try {
            if (frozen) {
                throw new IllegalStateException("memtable is frozen");
            }
            List<MemtableEntry> chain = versions.get(entry.id());
            if (chain == null) {
                chain = new ArrayList<>(2);
                versions.put(entry.id(), chain);
                bytes += NODE_BYTES;
            }
            // Keep each chain sorted by sequence: writers may arrive out of order.
            int at = chain.size();
            while (at > 0 && chain.get(at - 1).sequence() > entry.sequence()) {
                at--;
            }
            chain.add(at, entry);
            bytes += VERSION_BYTES + entry.estimatedBytes();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public MemtableEntry get(String id, long atSequence) {
        lock.readLock().lock();
        try {
            List<MemtableEntry> chain = versions.get(id);
            return chain == null ? null : newest(chain, atSequence);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Iterator<MemtableEntry> scan(long atSequence) {
        List<MemtableEntry> visible = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (Map.Entry<String, List<MemtableEntry>> chain : versions.entrySet()) {
                MemtableEntry newest = newest(chain.getValue(), atSequence);
                if (newest != null) {
                    visible.add(newest);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return visible.iterator();
    }

    private static MemtableEntry newest(List<MemtableEntry> chain, long atSequence) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).sequence() <= atSequence) {
                return chain.get(i);
            }
        }
        return null;
    }

    @Override
    public long idCount() {
        lock.readLock().lock();
        try {
            return versions.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long approximateBytes() {
        lock.readLock().lock();
        try {
            return bytes;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void freeze() {
        lock.writeLock().lock();
        try {
            frozen = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean isFrozen() {
        return frozen;
    }
}
