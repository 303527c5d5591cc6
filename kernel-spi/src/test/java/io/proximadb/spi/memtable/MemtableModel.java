package io.proximadb.spi.memtable;

import io.proximadb.spi.record.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The obviously-correct memtable the contract suite compares against: every version of every id
 * in sorted maps. Not thread-safe.
 */
public final class MemtableModel {

    private final TreeMap<String, TreeMap<Long, MemtableEntry>> versions = new TreeMap<>(Ids.ORDER);
    private long maxSequence;

    public void put(MemtableEntry entry) {
        MemtableEntry previous = versions.computeIfAbsent(entry.id(), id -> new TreeMap<>()).put(entry.sequence(), entry);
        if (previous != null) {
            throw new IllegalArgumentException("test bug: sequence " + entry.sequence() + " reused for " + entry.id());
        }
        maxSequence = Math.max(maxSequence, entry.sequence());
    }

    public MemtableEntry get(String id, long atSequence) {
        TreeMap<Long, MemtableEntry> ofId = versions.get(id);
        Map.Entry<Long, MemtableEntry> floor = ofId == null ? null : ofId.floorEntry(atSequence);
        return floor == null ? null : floor.getValue();
    }

    public List<MemtableEntry> scan(long atSequence) {
        List<MemtableEntry> visible = new ArrayList<>();
        for (String id : versions.keySet()) {
            MemtableEntry entry = get(id, atSequence);
            if (entry != null) {
                visible.add(entry);
            }
        }
        return visible;
    }

    public Set<String> ids() {
        return versions.keySet();
    }

    public long idCount() {
        return versions.size();
    }

    public long maxSequence() {
        return maxSequence;
    }
}
