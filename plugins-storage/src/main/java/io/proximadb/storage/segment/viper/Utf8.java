package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.WellFormedText;

import java.nio.charset.StandardCharsets;
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
        return WellFormedText.firstUnpairedSurrogate(text) < 0 ? text.getBytes(StandardCharsets.UTF_8) : null;
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
        if (WellFormedText.firstUnpairedSurrogate(text) >= 0) {
            WellFormedText.require(text, what.get());
        }
    }
}
