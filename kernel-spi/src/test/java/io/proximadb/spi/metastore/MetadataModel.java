package io.proximadb.spi.metastore;

import io.proximadb.spi.record.Ids;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The reference a store is held to: a sorted map and a revision, with the commit rules of
 * {@link MetadataStore} written as plainly as possible. Mutations apply in order, so a condition
 * sees the earlier mutations of its own commit; the first condition that fails names the conflict.
 */
final class MetadataModel {

    private TreeMap<String, String> entries = new TreeMap<>(Ids.ORDER);
    private long revision;

    /** Commits as a store must; returns the key of the first failing condition, or empty if it committed. */
    Optional<String> commit(List<MetadataMutation> mutations) {
        TreeMap<String, String> next = new TreeMap<>(entries);
        for (MetadataMutation mutation : mutations) {
            switch (mutation) {
                case MetadataMutation.Put put -> next.put(put.key(), put.value());
                case MetadataMutation.Delete delete -> next.remove(delete.key());
                case MetadataMutation.ExpectAbsent absent -> {
                    if (next.containsKey(absent.key())) {
                        return Optional.of(absent.key());
                    }
                }
                case MetadataMutation.ExpectValue expected -> {
                    if (!expected.value().equals(next.get(expected.key()))) {
                        return Optional.of(expected.key());
                    }
                }
            }
        }
        entries = next;
        revision++;
        return Optional.empty();
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    SortedMap<String, String> scan(String prefix) {
        TreeMap<String, String> found = new TreeMap<>(Ids.ORDER);
        entries.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                found.put(key, value);
            }
        });
        return found;
    }

    long revision() {
        return revision;
    }
}
