package io.proximadb.storage.metastore;

import io.proximadb.spi.record.WellFormedText;

/**
 * Keys and values must be well-formed UTF-16 (no unpaired surrogate): every store keeps them as
 * UTF-8, where an unpaired surrogate has no encoding and would silently become {@code '?'}.
 */
public final class Unicode {

    private Unicode() {
    }

    /** @return {@code text} @throws IllegalArgumentException at the first unpaired surrogate */
    public static String requireWellFormed(String what, String text) {
        return WellFormedText.require(text, what);
    }
}
