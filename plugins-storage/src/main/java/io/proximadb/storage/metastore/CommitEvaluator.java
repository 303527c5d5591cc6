package io.proximadb.storage.metastore;

import io.proximadb.spi.metastore.MetadataConflictException;
import io.proximadb.spi.metastore.MetadataMutation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commit rules every store of this module shares, in one place so that they cannot drift:
 * mutations apply in order, a condition sees the earlier mutations of its own commit, and the
 * first condition that fails aborts the whole commit with a {@link MetadataConflictException}
 * naming its key. The result is the commit's net effect, which is all a store needs to apply or
 * log: one {@code Put} or {@code Delete} per key touched, in the order keys were first touched.
 */
public final class CommitEvaluator {

    /** Reads the committed value of a key; for SQLite, inside the commit's transaction. */
    @FunctionalInterface
    public interface Lookup {
        Optional<String> get(String key) throws IOException;
    }

    private CommitEvaluator() {
    }

    /**
     * Checks {@code mutations}' conditions against {@code committed} and returns their net effect.
     *
     * @throws MetadataConflictException if a condition does not hold
     * @throws IllegalArgumentException if a key or value is not well-formed Unicode
     */
    public static List<MetadataMutation> netChanges(List<MetadataMutation> mutations, Lookup committed) throws IOException {
        // null: the commit has not touched the key; Optional.empty(): it deleted the key.
        Map<String, Optional<String>> pending = new LinkedHashMap<>();
        for (MetadataMutation mutation : mutations) {
            Unicode.requireWellFormed("key", mutation.key());
            switch (mutation) {
                case MetadataMutation.Put put -> pending.put(put.key(), Optional.of(Unicode.requireWellFormed("value", put.value())));
                case MetadataMutation.Delete delete -> pending.put(delete.key(), Optional.empty());
                case MetadataMutation.ExpectAbsent absent -> {
                    Optional<String> found = current(absent.key(), pending, committed);
                    if (found.isPresent()) {
                        throw new MetadataConflictException(absent.key(),
                                "commit refused: key '" + absent.key() + "' was expected to be absent but has a value");
                    }
                }
                case MetadataMutation.ExpectValue expected -> {
                    Optional<String> found = current(expected.key(), pending, committed);
                    if (!found.equals(Optional.of(expected.value()))) {
                        throw new MetadataConflictException(expected.key(), "commit refused: key '" + expected.key()
                                + "' was expected to hold a given value but " + (found.isPresent() ? "holds another" : "is absent"));
                    }
                }
            }
        }
        List<MetadataMutation> changes = new ArrayList<>(pending.size());
        pending.forEach((key, value) -> changes.add(value.isPresent()
                ? new MetadataMutation.Put(key, value.get())
                : new MetadataMutation.Delete(key)));
        return changes;
    }

    private static Optional<String> current(String key, Map<String, Optional<String>> pending, Lookup committed) throws IOException {
        Optional<String> touched = pending.get(key);
        return touched != null ? touched : committed.get(key);
    }
}
