package io.proximadb.storage.segment.viper;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Strict UTF-8 encoding: {@link String#getBytes} would silently turn an unpaired surrogate into
 * {@code '?'}, and the record would read back different from what was written.
 */
final class Utf8 {

    private Utf8() {
    }

    /** The UTF-8 bytes of {@code text}, or {@code null} if it holds an unpaired surrogate. */
    static byte[] encodeOrNull(String text) {
        return unpairedSurrogate(text) < 0 ? text.getBytes(StandardCharsets.UTF_8) : null;
    }

    /**
     * The UTF-8 bytes of {@code text}.
     *
     * @throws IllegalArgumentException naming {@code what} if it holds an unpaired surrogate
     */
    static byte[] encode(String text, Supplier<String> what) {
        requireWellFormed(text, what);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void requireWellFormed(String text, Supplier<String> what) {
        int bad = unpairedSurrogate(text);
        if (bad >= 0) {
            throw new IllegalArgumentException(what.get() + " is not well-formed Unicode: unpaired surrogate U+"
                    + Integer.toHexString(text.charAt(bad)).toUpperCase(Locale.ROOT) + " at index " + bad);
        }
    }

    /** The index of the first unpaired UTF-16 surrogate, or -1. */
    static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
