package io.proximadb.wal;

import io.proximadb.spi.record.WellFormedText;

/**
 * What every codec of this module refuses to write, so that nothing is logged that could not be
 * read back exactly: strings that are not well-formed Unicode (UTF-8 cannot carry an unpaired
 * surrogate, and {@link String#getBytes} would silently turn it into {@code '?'}), and metadata
 * nested deeper than {@link #MAX_METADATA_DEPTH}, which bounds the recursion of every decoder.
 *
 * <p>The engine validates records before logging them, so these checks fail only on a bug; they
 * throw {@link IllegalArgumentException} from {@code encode}, before anything reaches the log.
 *
 * <p>Thread safety: stateless.
 */
public final class EntryRules {

    /**
     * The deepest metadata nesting a codec writes or reads: the record's metadata object is level
     * 1, and each array or object inside it adds one level.
     */
    public static final int MAX_METADATA_DEPTH = 256;

    private EntryRules() {
    }

    /** Returns {@code text} when it holds no unpaired surrogate; throws otherwise. */
    public static String requireWellFormed(String text, String what) {
        return WellFormedText.require(text, what);
    }

    /** Throws when a metadata container at {@code depth} would exceed {@link #MAX_METADATA_DEPTH}. */
    public static void requireDepth(int depth) {
        if (depth > MAX_METADATA_DEPTH) {
            throw new IllegalArgumentException("metadata nested deeper than " + MAX_METADATA_DEPTH + " levels");
        }
    }
}
