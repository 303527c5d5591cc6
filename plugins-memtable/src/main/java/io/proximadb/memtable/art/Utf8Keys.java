package io.proximadb.memtable.art;

import java.nio.charset.StandardCharsets;

/**
 * Ids as tree keys: their UTF-8 bytes, whose unsigned order is {@link io.proximadb.spi.record.Ids#ORDER}.
 * That equivalence holds only for well-formed strings, so an id with an unpaired surrogate (which
 * the JDK encoder would silently turn into '?') has no key.
 */
final class Utf8Keys {

    private Utf8Keys() {
    }

    /** The UTF-8 bytes of {@code id}, or null if it holds an unpaired surrogate. */
    static byte[] encodeOrNull(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
                    i++;
                } else {
                    return null;
                }
            }
        }
        return id.getBytes(StandardCharsets.UTF_8);
    }

    /** The UTF-8 bytes of {@code id}; rejects ids that are not well-formed UTF-16. */
    static byte[] encode(String id) {
        byte[] key = encodeOrNull(id);
        if (key == null) {
            throw new IllegalArgumentException("id '" + id + "' holds an unpaired surrogate and has no UTF-8 form;"
                    + " ids must be well-formed Unicode");
        }
        return key;
    }
}
