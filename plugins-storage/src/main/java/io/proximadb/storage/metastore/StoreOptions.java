package io.proximadb.storage.metastore;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading a metadata store's {@code options}: a store rejects names it does not know (a typo
 * must not silently fall back to a default), naming the ones it does.
 */
public final class StoreOptions {

    private StoreOptions() {
    }

    /** @throws IllegalArgumentException naming the unknown option and listing the known ones */
    public static void rejectUnknown(String store, Map<String, String> options, Set<String> known) {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                String list = known.isEmpty() ? "it takes none" : "known options: " + String.join(", ", new TreeSet<>(known));
                throw new IllegalArgumentException(
                        "unknown option '" + name + "' for the '" + store + "' metadata store; " + list);
            }
        }
    }

    /** A positive whole number, or {@code defaultValue} when the option is not set. */
    public static long positiveLong(String store, Map<String, String> options, String name, long defaultValue) {
        String text = options.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new IllegalArgumentException("option '" + name + "' of the '" + store
                + "' metadata store must be a positive whole number, not '" + text + "'");
    }
}
