package io.proximadb.storage.metastore;

/**
 * Keys and values must be well-formed UTF-16 (no unpaired surrogate): every store keeps them as
 * UTF-8, where an unpaired surrogate has no encoding and would silently become {@code '?'}.
 */
public final class Unicode {

    private Unicode() {
    }

    /** @return {@code text} @throws IllegalArgumentException at the first unpaired surrogate */
    public static String requireWellFormed(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " has an unpaired surrogate U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at index " + i
                        + "; metadata keys and values must be well-formed Unicode");
            }
        }
        return text;
    }
}
