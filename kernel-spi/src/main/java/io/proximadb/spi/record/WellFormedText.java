package io.proximadb.spi.record;

import java.util.Locale;

/**
 * Checks that text is well-formed UTF-16, with no unpaired surrogate. Ids, metadata keys and
 * strings are stored as UTF-8, where an unpaired surrogate has no encoding: Java would silently
 * write {@code '?'} and the value read back would differ from the one written. Every codec and the
 * engine refuse such text with the same message.
 */
public final class WellFormedText {

    private WellFormedText() {
    }

    /** The index of the first unpaired surrogate in {@code text}, or -1 if there is none. */
    public static int firstUnpairedSurrogate(String text) {
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

    /**
     * Returns {@code text} if it is well-formed.
     *
     * @param what names the text in the message, e.g. {@code "metadata key at a.b"}
     * @throws IllegalArgumentException naming {@code what}, the surrogate and its index
     */
    public static String require(String text, String what) {
        int bad = firstUnpairedSurrogate(text);
        if (bad >= 0) {
            throw new IllegalArgumentException(what + " is not well-formed Unicode: unpaired surrogate U+"
                    + Integer.toHexString(text.charAt(bad)).toUpperCase(Locale.ROOT) + " at index " + bad);
        }
        return text;
    }
}
